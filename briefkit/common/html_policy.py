"""What the ``html:`` options may add to the sanitiser's allow-list, and what they may not.

``html.extra_tags`` and ``html.extra_attributes`` widen the HTML a body may
hold.  Some tags and attributes would turn a body from content into code or
into a way out of the page (``iframe srcdoc``, ``base href``, ``meta
refresh``, forms, ``script``, ``style``); nh3 itself panics on a few of them.
These are refused as config problems, each with the reason, before any
body is cleaned.
"""

from __future__ import annotations

import re

_NAME = re.compile(r"[a-z][a-z0-9-]{0,40}")
_ATTRIBUTE_NAME = re.compile(r"[a-z][a-z0-9_.:-]{0,60}")

HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
"""The six heading tags: the sanitiser keeps them, and text extraction ends a word at each."""

REFUSED_TAGS: dict[str, str] = {
    "script": "runs code",
    "noscript": "is parsed differently with scripting on and off",
    "style": "styles the whole page, not the body",
    "link": "loads stylesheets and other documents",
    "meta": "can redirect the page (refresh) or change how it is read",
    "base": "changes where every link and image of the page points",
    "iframe": "embeds another document (srcdoc runs code)",
    "frame": "embeds another document",
    "frameset": "replaces the page with other documents",
    "object": "embeds plugins and other documents",
    "embed": "embeds plugins and other documents",
    "applet": "runs code",
    "portal": "embeds another document",
    "template": "holds markup that the sanitiser cannot see into",
    "svg": "has its own scripts, links and styles",
    "math": "switches the parser into foreign content",
    "form": "can send a reader's input anywhere",
    "input": "collects a reader's input",
    "button": "can submit forms",
    "textarea": "collects a reader's input",
    "select": "collects a reader's input",
    "option": "collects a reader's input",
    "dialog": "can cover the page",
    "html": "is the whole document",
    "head": "is the document's head",
    "body": "is the document's body",
    "title": "sets the document's title",
    "xmp": "is parsed as raw text",
    "plaintext": "swallows the rest of the page",
    "noembed": "is parsed as raw text",
    "noframes": "is parsed as raw text",
    "slot": "belongs to scripted components",
}

REFUSED_ATTRIBUTES: dict[str, str] = {
    "srcdoc": "holds a whole document",
    "srcset": "loads images the sanitiser's URL check does not see",
    "http-equiv": "acts as an HTTP header",
    "content": "goes with http-equiv",
    "action": "sends a form anywhere",
    "formaction": "sends a form anywhere",
    "background": "loads an image the URL check does not see",
    "ping": "reports clicks to another host",
    "xlink:href": "links outside the sanitiser's URL check",
    "xmlns": "switches the parser into foreign content",
    "is": "creates scripted components",
    "data": "embeds another document",
    "codebase": "loads code",
    "rel": "is set by briefkit itself (noopener noreferrer)",
    "autofocus": "moves the reader's focus",
    "contenteditable": "lets a reader change the page",
    "popover": "can cover the page",
}


def tag_problem(name: str) -> str | None:
    """Why ``name`` may not be added to ``html.extra_tags``, or None."""
    tag = name.strip().lower()
    if not _NAME.fullmatch(tag):
        return f"'{name}' is not an HTML element name"
    if tag in REFUSED_TAGS:
        return f"'{tag}' cannot be allowed in bodies: it {REFUSED_TAGS[tag]}"
    return None


def attribute_problem(tag: str, name: str) -> str | None:
    """Why ``name`` may not be allowed on ``tag`` (``*`` for any element), or None."""
    attr = name.strip().lower()
    if not _ATTRIBUTE_NAME.fullmatch(attr):
        return f"'{name}' is not an HTML attribute name"
    if attr.startswith("on"):
        return f"'{attr}' cannot be allowed in bodies: event handler attributes run code"
    if attr in REFUSED_ATTRIBUTES:
        return f"'{attr}' cannot be allowed in bodies: it {REFUSED_ATTRIBUTES[attr]}"
    if tag != "*" and (problem := tag_problem(tag)) is not None:
        return problem
    return None

"""Images a brief names, checked where they are written: alt text, and where the file may come from.

The lead image (``image:``) and every Markdown image of the body
(``![alt](path "caption")``) must say what they show (``alt``; an empty one
only for a lead image marked ``decorative: true``), and name a file in the
site: a path relative to the brief's folder, or ``/``-rooted at the folder
that holds mkdocs.yml.  A URL is refused unless its host is on
``pdf.allowed_hosts``.  Where the path leads (never out of the site, never
into a hidden folder) and the file itself are checked when a build reads it (:mod:`briefkit.content.images`), at the positions kept here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import unquote

from briefkit.common.hosts import host_allowed
from briefkit.common.limits import shown as _shown
from briefkit.common.yamlsrc import Document
from briefkit.errors import Problem, error
from briefkit.model import BriefImage

if TYPE_CHECKING:
    from briefkit.source.schema import ImageIn

# Bounded repeats and no nesting: linear in the body's length whatever an editor writes.
MARKDOWN_IMAGE = re.compile(r'!\[([^\]\n]{0,1000})\]\(\s*<?([^)\s>]{1,2000})>?(?:\s+"([^"\n]{0,1000})")?\s*\)')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

ALT_HINT = "say what the image shows, for readers who cannot see it"


def src_problem(src: str, allowed_hosts: Sequence[str]) -> tuple[str, str, str] | None:
    """Why ``src`` may not be used as an image source: (code, message, hint), or None."""
    if is_url(src):
        if allowed_url(src, allowed_hosts):
            return None
        return (
            "image-remote",
            f"image '{_shown(src)}' is not a file in the site; remote images are refused unless their host is allowed",
            "copy the image into the site (for example briefs/images/), or add its host to pdf.allowed_hosts",
        )
    if "\\" in src:
        return ("image-escape", f"image '{_shown(src)}' has a backslash", "write paths with '/'")
    return None


def is_url(src: str) -> bool:
    return bool(_SCHEME.match(src)) or src.startswith("//")


def allowed_url(src: str, allowed_hosts: Sequence[str]) -> bool:
    url = "https:" + src if src.startswith("//") else src
    return url.lower().startswith(("http://", "https://")) and host_allowed(url, allowed_hosts)


def lead(item: ImageIn, doc: Document, shown: str, allowed_hosts: Sequence[str], problems: list[Problem]) -> BriefImage | None:
    line, col = doc.pos(("image", "src"))
    found = src_problem(item.src, allowed_hosts)
    if found is not None:
        problems.append(error(shown, line, col, *found))
    if not item.alt and not item.decorative:
        problems.append(
            error(
                shown,
                *doc.pos(("image", "alt")),
                "image-alt",
                "the lead image has empty alt text",
                ALT_HINT + "; an image that adds nothing to the text takes decorative: true",
            )
        )
    if found is not None:
        return None
    return BriefImage(item.src, "" if item.decorative else item.alt, item.caption, item.credit, item.decorative, line, col)


def body(
    text: str, source: str, start: tuple[int, int], shown: str, allowed_hosts: Sequence[str], problems: list[Problem]
) -> tuple[BriefImage, ...]:
    """Each Markdown image of a body that the site shows, placed at its line in ``source`` (looked for from the body's start, in order).

    A URL whose host is not allowed is not an image at all: pages show it as a
    link (:mod:`briefkit.content.figures`), so it needs no alt text and is not listed.
    """
    if "![" not in text:
        return ()
    lines = source.splitlines()
    row = start[0] - 1
    images: list[BriefImage] = []
    for match in MARKDOWN_IMAGE.finditer(text):
        alt, raw, caption = match.group(1).strip(), match.group(2), (match.group(3) or "").strip()
        needle = match.group(0).split("\n", 1)[0]
        at = start
        for i in range(max(row, 0), len(lines)):
            col = lines[i].find(needle)
            if col >= 0:
                at, row = (i + 1, col + 1), i
                break
        src = unquote(raw)
        if is_url(src) and not allowed_url(src, allowed_hosts):
            continue
        if not alt:
            problems.append(
                error(shown, *at, "image-alt", "this body image has no alt text", ALT_HINT + ", between the brackets: ![A chart of …](…)")
            )
        images.append(BriefImage(raw, alt, caption, "", False, *at))
    return tuple(images)

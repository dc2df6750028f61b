"""MkDocs' config messages as ``mkdocs.yml:line:col`` problems, with no traceback.

MkDocs validates ``mkdocs.yml`` itself and logs one line per problem,
``Config value 'KEY': MESSAGE``, without positions; a bad option of a
Markdown extension even arrives with the extension's traceback.  This reads
the config again with :mod:`briefkit.common.yamlsrc` (which keeps every position)
and points each message at the entry it is about: the extension, plugin,
option or nav item named in it, else the top-level key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from briefkit.common.yamlsrc import Document, Path_, parse
from briefkit.errors import Problem, Severity

_CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^']+)': (?P<msg>.*)", re.DOTALL)
_EXTENSION = re.compile(r"(?:extension|Extension) '(?P<name>[^']+)'|'(?P<bad>[^']+)' is not a valid Markdown Extension")
_PLUGIN = re.compile(r"[Pp]lugin '(?P<name>[^']+)'(?: option '(?P<option>[^']+)')?|\"(?P<missing>[^\"]+)\" plugin is not installed")
_LAST_ERROR = re.compile(r"^(?P<type>[A-Za-z_][\w.]*(?:Error|Exception)): (?P<text>.*)$", re.MULTILINE)
_KEY_ERROR = re.compile(r"KeyError: '(?P<option>[^']+)'")


def clean_message(message: str) -> str:
    """The first line of a message, plus the error a traceback ends in (never the traceback)."""
    first, _, rest = message.strip().partition("\n")
    if not rest:
        return first
    last = list(_LAST_ERROR.finditer(rest))
    return f"{first} {last[-1]['type']}: {last[-1]['text']}".strip() if last else first


def _entry(doc: Document, key: str, name: str) -> Path_ | None:
    """Path of the list (or mapping) entry called ``name`` under top-level ``key``."""
    value = doc.data.get(key) if isinstance(doc.data, dict) else None
    short = name.rsplit("/", 1)[-1]  # MkDocs says 'material/search' for the entry 'search'
    if isinstance(value, dict):
        for entry in value:
            if str(entry) in (name, short):
                return (key, str(entry))
    if isinstance(value, list):
        for i, entry in enumerate(value):
            names = [str(k) for k in entry] if isinstance(entry, dict) else [str(entry)]
            for n in names:
                if n in (name, short):
                    return (key, i, n) if isinstance(entry, dict) else (key, i)
    return None


def _find_scalar(doc: Document, root: Path_, text: str) -> Path_ | None:
    """The first value under ``root`` whose text is ``text`` (for nav items MkDocs quotes back)."""

    def walk(value: Any, path: Path_) -> Path_ | None:
        if isinstance(value, dict):
            items: list[tuple[str | int, Any]] = list(value.items())
        elif isinstance(value, list):
            items = list(enumerate(value))
        else:
            return path if str(value) == text else None
        for k, v in items:
            found = walk(v, (*path, k))
            if found:
                return found
        return None

    data = doc.data.get(root[0]) if isinstance(doc.data, dict) and root else None
    return walk(data, root) if data is not None and text else None


def locate(doc: Document, key: str, message: str) -> tuple[Path_, bool]:
    """Where in the config a message about top-level ``key`` points; True when it is a key (not a value)."""
    if key == "markdown_extensions":
        m = _EXTENSION.search(message)
        name = (m["name"] or m["bad"]) if m else ""
        at = _entry(doc, key, name) if name else None
        if at:
            option = _KEY_ERROR.search(message)
            if option and len(at) == 3:
                return (*at, option["option"]), True
            return at, len(at) == 3
    if key == "plugins":
        m = _PLUGIN.search(message)
        if m:
            at = _entry(doc, key, m["name"] or m["missing"])
            if at and m["option"]:
                return (*at, m["option"]), True
            if at:
                return at, len(at) == 3
    if key == "nav":
        quoted = message.rsplit(": ", 1)[-1].strip()
        at = _find_scalar(doc, ("nav",), quoted)
        if at:
            return at, False
    if key == "theme":
        theme = doc.data.get("theme") if isinstance(doc.data, dict) else None
        if isinstance(theme, dict) and "name" in theme and "theme name" in message:
            return ("theme", "name"), False
    return (key,), False


def config_problems(messages: list[str], file: Path, shown: str, severity: Severity, code: str = "mkdocs-config") -> list[Problem]:
    """One positioned problem per MkDocs message about the config file."""
    doc: Document | None = None
    try:
        doc, _ = parse(file.read_text(encoding="utf-8"), shown, tolerate_tags=True)
    except (OSError, UnicodeDecodeError):
        doc = None
    problems = []
    for raw in messages:
        text = clean_message(raw)
        m = _CONFIG_VALUE.match(text)
        line = col = 0
        if m and doc is not None:
            path, is_key = locate(doc, m["key"], raw)
            line, col = doc.pos(path, key=is_key)
            if m["key"] == "markdown_extensions" and len(path) == 4 and _KEY_ERROR.search(raw):
                text = f"Config value 'markdown_extensions': extension '{path[2]}' has no option '{path[3]}'"
        problems.append(Problem(shown, line, col, severity, code, text))
    return problems


def key_position(file: Path, shown: str, key: str) -> tuple[int, int]:
    """Line and column of a top-level key's value in the config file; (0, 0) when it cannot be read."""
    try:
        doc, _ = parse(file.read_text(encoding="utf-8"), shown, tolerate_tags=True)
    except (OSError, UnicodeDecodeError):
        return 0, 0
    return doc.pos((key,)) if doc is not None else (0, 0)

"""YAML reading that remembers where every key and value came from.

PyYAML's constructors forget positions and silently keep the last of two
duplicate keys.  We compose the node graph instead (libyaml when present),
then build plain Python values ourselves, recording the line and column of
every key and value so that validation errors can point at them.

Aliases are refused outright: briefs have no use for them, and since the
composer shares aliased nodes rather than copying them, refusing the first
re-use makes a "billion laughs" bomb cost no more than its own bytes.  Timestamps are
kept as their source text so that the schema, not YAML 1.1, decides what a
valid date is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from briefkit.common.limits import MAX_NUMBER_CHARS, shown
from briefkit.common.yaml12 import CoreLoader, Yaml11Loader, construct
from briefkit.errors import Problem, error


class _PythonLoader(yaml.SafeLoader):
    """PyYAML's own composer, stopped at our nesting limit where it is passed,
    with YAML 1.2 core resolution like :class:`CoreLoader`.

    It recurses once per level, so a deep document would end in RecursionError
    with no position; libyaml's composer stops by itself at 1,000 levels.
    """

    yaml_implicit_resolvers = CoreLoader.yaml_implicit_resolvers
    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:  # the document's root is level 0
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# libyaml is ~20x faster; every wheel of PyYAML on PyPI ships it.
_Loader: type = CoreLoader if hasattr(yaml, "CSafeLoader") else _PythonLoader

Path_ = tuple[str | int, ...]
Pos = tuple[int, int]

MAX_DEPTH = 32
MAX_NODES = 200_000

_TS_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("bool", "int", "float", "null"))
_KNOWN_TAGS = _PLAIN_TAGS | {_TS_TAG, _STR_TAG, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """A YAML document as plain values, with 1-based positions by path."""

    data: Any
    values: dict[Path_, Pos] = field(default_factory=dict)
    keys: dict[Path_, Pos] = field(default_factory=dict)

    def pos(self, path: Path_, *, key: bool = False) -> Pos:
        """Position of a value (or its key), else of the nearest ancestor."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))


class _Abort(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _mark(node: yaml.Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text, or a problem pointing at the first byte that is not."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            error(
                path,
                line,
                col,
                "file-not-utf8",
                f"file is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
                "re-save the file as UTF-8",
            )
        ]


def parse(text: str, path: str, *, tolerate_tags: bool = False) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document.  Never raises; problems are returned.

    ``tolerate_tags`` keeps values with unknown tags (``!ENV``,
    ``!!python/name:``) as their text, as mkdocs.yml needs, and reads plain
    scalars as YAML 1.1 does, as MkDocs does.  Otherwise (briefs) plain
    scalars resolve as YAML 1.2's core schema says (see ``briefkit.common.yaml12``).
    """
    try:
        root = yaml.compose(text, Loader=Yaml11Loader if tolerate_tags else _Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        hint = _syntax_hint(what)
        if exc.context:
            what = f"{exc.context}, {what}"
            ctx = exc.context_mark
            if ctx is not None and mark is not None and (ctx.line, ctx.column) != (mark.line, mark.column):
                thing = exc.context.removeprefix("while parsing ").removeprefix("while scanning ").removeprefix("a ")
                opened = {"flow sequence": "list '['", "flow mapping": "mapping '{'", "quoted scalar": "quoted text"}.get(thing)
                if opened and not hint:
                    hint = f"the {opened} opened at line {ctx.line + 1}, column {ctx.column + 1} is not closed"
        if "maximum nesting depth" in what or "nested deeper than" in what:  # libyaml's own limit is 1,000 levels
            return None, [error(path, line, col, "yaml-too-deep", f"YAML nested deeper than {MAX_DEPTH} levels")]
        return None, [error(path, line, col, "yaml-syntax", f"YAML syntax error: {what}", hint)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as a raw control character
        line, col = _offset_position(text, exc.position)
        what = f"U+{exc.character:04X} is not allowed in YAML" if isinstance(exc.character, int) else "a character is not allowed in YAML"
        return None, [error(path, line, col, "bad-character", f"{what}: {exc.reason}", "delete it; write the text without it")]
    except yaml.YAMLError as exc:  # e.g. reader errors: control characters
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [error(path, line, col, "yaml-syntax", f"YAML syntax error: {exc}".splitlines()[0])]
    except RecursionError:
        return None, [error(path, 1, 1, "yaml-too-deep", f"YAML nested deeper than {MAX_DEPTH} levels")]
    if root is None:
        return Document(None), []
    doc = Document(None)
    builder = _Builder(doc, path, tolerate_tags)
    try:
        doc.data = builder.build(root, (), 0)
    except _Abort as stop:
        return None, [stop.problem]
    return doc, builder.problems


def _offset_position(text: str, offset: int) -> Pos:
    """1-based line and column of a reader error's offset: libyaml counts UTF-8 bytes, PyYAML characters."""
    in_bytes = not issubclass(_Loader, yaml.reader.Reader)  # libyaml loaders do not use the Python reader
    before = text.encode("utf-8")[:offset].decode("utf-8", "ignore") if in_bytes else text[:offset]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a value containing ': ' must be quoted, or written as a block with '|'"
    if "found character '\\t'" in what or "\\t" in what:
        return "YAML indentation uses spaces, not tabs"
    if "escape" in what:
        return "that escape is not a character YAML can hold (surrogates \\uD800-\\uDFFF cannot be written); delete it"
    if "could not find expected ':'" in what:
        return "check the indentation of the lines above, and that every field has 'name: value'"
    return ""


class _Builder:
    def __init__(self, doc: Document, path: str, tolerate_tags: bool) -> None:
        self.doc = doc
        self.path = path
        self.tolerate_tags = tolerate_tags
        self.nodes = 0
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, at: Path_, depth: int) -> Any:
        self.nodes += 1
        if depth > MAX_DEPTH:
            raise _Abort(
                error(
                    self.path,
                    *_mark(node),
                    "yaml-too-deep",
                    f"YAML nested deeper than {MAX_DEPTH} levels",
                    "a brief needs at most three levels: a field, a list, a mapping in it",
                )
            )
        if self.nodes > MAX_NODES:
            raise _Abort(error(self.path, *_mark(node), "yaml-too-large", f"YAML document has more than {MAX_NODES:,} values"))
        if node.tag == _STR_TAG and id(node) not in self.seen:  # the common case, kept short
            self.seen.add(id(node))
            mark = node.start_mark
            self.doc.values[at] = (mark.line + 1, mark.column + 1)
            return node.value
        if id(node) in self.seen:
            # The composer hands back the anchored node itself for an alias.
            line, col = self.doc.keys.get(at) or self.doc.pos(at[:-1])
            raise _Abort(
                error(
                    self.path,
                    line,
                    col,
                    "yaml-alias",
                    "YAML aliases ('*name') are not allowed in briefs",
                    "write the value out in full",
                )
            )
        self.seen.add(id(node))
        self.doc.values.setdefault(at, _mark(node))
        if node.tag not in _KNOWN_TAGS and not self.tolerate_tags:
            raise _Abort(error(self.path, *_mark(node), "yaml-tag", f"unsupported YAML tag '{shown(node.tag)}'", "remove the tag"))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, at, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*at, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, at: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, Pos] = {}
        for key_node, value_node in node.value:
            kpos = _mark(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Abort(error(self.path, *kpos, "yaml-alias", "merge keys ('<<') are not supported", "write the fields out in full"))
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Abort(error(self.path, *kpos, "wrong-type", "a key must be a plain name, not a list or mapping"))
            key = str(key_node.value)
            if key in first:
                self.problems.append(
                    error(
                        self.path,
                        *kpos,
                        "duplicate-key",
                        f"duplicate key '{shown(key)}': YAML would silently keep only the last one",
                        f"first defined at line {first[key][0]}; merge the two or delete one",
                    )
                )
                continue
            first[key] = kpos
            self.doc.keys[(*at, key)] = kpos
            out[key] = self.build(value_node, (*at, key), depth + 1)
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _TS_TAG or node.tag == _STR_TAG:
            return node.value
        if node.tag in _PLAIN_TAGS:
            if len(node.value) > MAX_NUMBER_CHARS and node.tag.endswith(("int", "float")):
                # Python refuses to turn an int of over 4,300 digits into text; no real value is this long.
                self.problems.append(
                    error(
                        self.path,
                        *_mark(node),
                        "number-too-long",
                        f"a number of {len(node.value):,} characters; numbers may have at most {MAX_NUMBER_CHARS}",
                        "quote it if it is meant as text",
                    )
                )
                return node.value
            if self.tolerate_tags:
                return _constructor.construct_object(node, deep=True)
            return construct(node.tag, node.value)
        # Only reachable with tolerate_tags: mkdocs.yml's !!python/name:x keeps x.
        return node.value or node.tag.rsplit(":", 1)[-1]

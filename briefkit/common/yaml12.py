"""Plain scalars resolved as YAML 1.2's core schema does, as editors read them.

PyYAML implements YAML 1.1, where ``yes``, ``No``, ``on`` and ``off`` are
booleans, ``012`` is octal and ``1_000`` and ``1:30`` are numbers.
yaml-language-server and every YAML 1.2 tool read those as text (or as
decimal ``12``), so ``title: No`` would check differently in the editor and
in ``brief check``.  Briefs are read with these rules instead: only
``true``/``false`` (any of the three casings the spec allows) are booleans,
only ``null``/``~``/empty is null, and numbers follow the 1.2 patterns.

Timestamps are not part of the core schema: a date stays text, and the
brief schema decides what a valid date is.
"""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar

import yaml

try:  # libyaml is ~20x faster; every wheel of PyYAML on PyPI ships it.
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python fallback
    _Base = yaml.SafeLoader

_T = "tag:yaml.org,2002:"
NULL, BOOL, INT, FLOAT = _T + "null", _T + "bool", _T + "int", _T + "float"

# https://yaml.org/spec/1.2.2/#1032-tag-resolution
CORE_RESOLVERS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    (BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        FLOAT,
        re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
        "-+.0123456789",
    ),
)


class _Cached(_Base):  # type: ignore[misc,valid-type]
    """Resolving a plain scalar's tag runs regexes in Python for every key and
    short value; briefs repeat the same few, so remember them (per class)."""

    _tags: ClassVar[dict[str, str]]

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0] and len(value) < 64:
            tag = self._tags.get(value)
            if tag is None:
                if len(self._tags) > 50_000:
                    self._tags.clear()
                tag = self._tags[value] = super().resolve(kind, value, implicit)
            return tag
        return str(super().resolve(kind, value, implicit))


class Yaml11Loader(_Cached):
    """PyYAML's own YAML 1.1 resolution: for mkdocs.yml, which MkDocs reads this way."""

    _tags: ClassVar[dict[str, str]] = {}


class CoreLoader(_Cached):
    """YAML 1.2 core schema resolution: for briefs and their vocabularies."""

    _tags: ClassVar[dict[str, str]] = {}
    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}


for _tag, _regexp, _first in CORE_RESOLVERS:
    CoreLoader.add_implicit_resolver(_tag, _regexp, list(_first))
CoreLoader.add_implicit_resolver(NULL, CORE_RESOLVERS[0][1], [""])  # the empty scalar
_PATTERNS = {tag: regexp for tag, regexp, _ in CORE_RESOLVERS}


def construct(tag: str, text: str) -> Any:
    """The value of a plain scalar that ``CoreLoader`` resolved to ``tag``.

    A number too long for Python's int conversion (over 4,300 digits) stays
    text, so that a text field can still take it and nothing raises.
    """
    pattern = _PATTERNS.get(tag)
    if pattern is None or not pattern.match(text):  # an explicit tag on a value of another kind: '!!bool yes'
        return text
    if tag == NULL:
        return None
    if tag == BOOL:
        return text.lower() == "true"
    if tag == INT:
        try:
            if text.startswith("0o"):
                return int(text[2:], 8)
            if text.startswith("0x"):
                return int(text[2:], 16)
            return int(text, 10)
        except ValueError:
            return text
    if tag == FLOAT:
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        if lowered == ".nan":
            return math.nan
        return float(text)
    return text

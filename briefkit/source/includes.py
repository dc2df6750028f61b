"""Bodies never include files.

With ``pymdownx.snippets`` in mkdocs.yml, a body line ``--8<-- "briefs/x.yaml"``
would paste another file (an AMBER brief, ``.git/config``) into the page,
the feeds, the search index and the PDF.  So:

* the Markdown settings used for bodies drop every extension that reads
  files (:func:`body_extensions`); the site's own pages keep them;
* ``brief check`` warns at each body line written as a snippet, since it
  will be shown as text (:func:`body_problems`).

What MkDocs later does to the generated pages cannot revive such a line:
body HTML reaches the page with ``<`` escaped as ``&lt;``, and the marker
needs a literal ``8<``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from briefkit.errors import Problem, warning

FILE_INCLUDE_EXTENSIONS = frozenset(
    {
        "pymdownx.snippets",
        "markdown_include.include",
        "mdx_include",
        "markdown_include",
    }
)
"""Markdown extensions that paste files into the text they convert."""


def _name(extension: Any) -> str:
    if isinstance(extension, str):
        return extension.split(":", 1)[0]
    module = type(extension).__module__  # an Extension instance
    return module


def reads_files(extension: Any) -> bool:
    name = _name(extension)
    return name in FILE_INCLUDE_EXTENSIONS or any(name.startswith(f"{n}.") for n in FILE_INCLUDE_EXTENSIONS)


def body_extensions(
    extensions: Sequence[Any], configs: Mapping[str, Mapping[str, Any]]
) -> tuple[tuple[Any, ...], dict[str, dict[str, Any]]]:
    """The site's extensions and their configs, without those that read files."""
    kept = tuple(e for e in extensions if not reads_files(e))
    return kept, {name: dict(opts) for name, opts in configs.items() if not reads_files(name)}


def is_include_line(line: str) -> bool:
    """A line pymdownx.snippets would act on: ``--8<--`` (any number of dashes), maybe ``;``-escaped.

    Checked with string methods, not a regex: linear on any input.
    """
    text = line.lstrip(" \t").lstrip(";")
    rest = text.lstrip("-")
    return len(rest) < len(text) and rest.startswith("8<-")


def body_problems(body: str, source: str, start: tuple[int, int], shown: str) -> list[Problem]:
    """A warning at each body line that asks for a file include, placed at its line in ``source``.

    ``start`` is where the body's value begins in the YAML file; each include
    line is looked for in the source from there on, in order (a literal
    block keeps its lines; otherwise the value's own position is used).
    """
    wanted = [line for line in body.splitlines() if is_include_line(line)]
    if not wanted:
        return []
    at: list[tuple[int, int]] = []
    lines = source.splitlines()
    row = start[0] - 1
    for _ in wanted:
        while row < len(lines) and not is_include_line(lines[row].lstrip(" \t\"'")):
            row += 1
        if row >= len(lines):
            break
        text = lines[row]
        at.append((row + 1, len(text) - len(text.lstrip(" \t\"'")) + 1))
        row += 1
    at += [start] * (len(wanted) - len(at))
    return [
        warning(
            shown,
            line,
            col,
            "body-include",
            "bodies never include files: this line is shown as text, not replaced by the file it names",
            "paste the text you mean into the body; snippets (--8<--) work only in the site's own pages",
        )
        for line, col in _unique(at)
    ]


def _unique(items: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    return list(dict.fromkeys(items))

"""How much Python-Markdown costs per generated page, in each form the pre-rendered HTML could take.

    python -m benchmarks.pageform BUILD_DIR [--pages N] [--repeat R]     (from the repo root)

``BUILD_DIR`` is a built site's build folder (``build/``): its ``docs/`` (briefkit's generated
pages) and ``mkdocs.yml`` (the engine config briefkit writes, with the site's real
``markdown_extensions``).  Every page is rendered the way MkDocs 1.6 renders it
(``mkdocs.structure.pages.Page.render``: a new ``Markdown`` with the site's extensions plus
MkDocs' own raw-HTML anchor scan, anchor, link and title tree processors), once per form:

- ``current``: the page as briefkit writes it (raw HTML blocks after the front matter);
- ``one-block``: the same HTML with the blank lines between its top-level blocks removed;
- ``md_in_html``: the current page with the ``md_in_html`` extension added to the site's list;
- ``script``: the HTML inside one ``<script type="text/x-briefkit">`` (raw text to both HTML
  parsers), unwrapped after Markdown as an ``on_page_content`` hook would;
- ``placeholder``: one empty ``<div>`` marker, swapped for the stored HTML after Markdown.

Forms, and the order they run in, rotate every repeat (interleaved: the machine is shared).
The table gives CPU seconds (``time.process_time``) per form over all pages, the ratio to
``current``, and whether each form's final HTML (after the swap, where there is one) is the same
string as ``current``'s, with the same anchors MkDocs sees (it warns about links to missing ones).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCRIPT_OPEN = '<script type="text/x-briefkit">'
SCRIPT_CLOSE = "</script>"
MARKER = '<div class="bk-page-slot"></div>'
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


@dataclass
class Form:
    name: str
    source: Callable[[str], str]
    """The page's Markdown (front matter stripped) in this form."""
    finish: Callable[[str, str], str]
    """(HTML Markdown made, the page's current Markdown) -> the page's final HTML."""
    extra: tuple[str, ...] = ()
    """Extensions added to the site's."""
    seconds: list[float] = field(default_factory=list)


def _same(out: str, _page: str) -> str:
    return out


def _script_source(page: str) -> str:
    if "</script" in page.lower():
        raise SystemExit("a page holds </script: the script form cannot carry it")
    return f"{SCRIPT_OPEN}\n{page}\n{SCRIPT_CLOSE}\n"


def _script_finish(out: str, _page: str) -> str:
    return out[out.index(SCRIPT_OPEN) + len(SCRIPT_OPEN) : out.rindex(SCRIPT_CLOSE)].strip("\n")


FORMS = [
    Form("current", lambda page: page, _same),
    Form("one-block", lambda page: _BLANK_LINES.sub("\n", page), _same),
    Form("md_in_html", lambda page: page, _same, ("md_in_html",)),
    Form("script", _script_source, _script_finish),
    Form("placeholder", lambda page: MARKER + "\n", lambda out, page: out.replace(MARKER, page.strip("\n"))),
]


def load_pages(build: Path, limit: int) -> tuple[Any, Any, list[Any]]:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    config = load_config(str(build / "mkdocs.yml"))
    files = get_files(config)
    pages = []
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri)[: limit or None]:
        page = Page(None, file, config)
        page.read_source(config)
        pages.append(page)
    return config, files, pages


def render(page: Any, config: Any, files: Any, text: str) -> tuple[str, set[str]]:
    page.markdown = text
    page.render(config, files)
    return page.content, set(page.present_anchor_ids or ())


def run(build: Path, limit: int, repeat: int) -> list[str]:
    config, files, pages = load_pages(build, limit)
    originals = [p.markdown for p in pages]  # render() replaces page.markdown
    sources = {form.name: [form.source(text) for text in originals] for form in FORMS}
    configs = {form.name: _with(config, form.extra) for form in FORMS}
    current = [render(p, config, files, text) for p, text in zip(pages, originals, strict=True)]
    same: dict[str, bool] = {}
    anchors: dict[str, bool] = {}
    for form in FORMS:
        outs = [render(p, configs[form.name], files, text) for p, text in zip(pages, sources[form.name], strict=True)]
        final = [form.finish(out, text) for (out, _), text in zip(outs, originals, strict=True)]
        same[form.name] = final == [out for out, _ in current]
        anchors[form.name] = [a for _, a in outs] == [a for _, a in current]
    for r in range(repeat):
        order = FORMS[r % len(FORMS) :] + FORMS[: r % len(FORMS)]
        for form in order:
            cfg, texts = configs[form.name], sources[form.name]
            started = time.process_time()
            for page, text in zip(pages, texts, strict=True):
                render(page, cfg, files, text)
            form.seconds.append(time.process_time() - started)
    base = statistics.median(FORMS[0].seconds)
    lines = [
        f"{len(pages)} pages from {build / 'docs'}, {repeat} interleaved repeats, median CPU seconds for all pages; "
        f"extensions: {', '.join(_names(config))}",
        "",
        "| form | CPU s (median) | min | max | / current | same final HTML | same anchors |",
        "|---|--:|--:|--:|--:|---|---|",
    ]
    for form in FORMS:
        med = statistics.median(form.seconds)
        lines.append(
            f"| {form.name} | {med:.2f} | {min(form.seconds):.2f} | {max(form.seconds):.2f} | {med / base:.2f} "
            f"| {'yes' if same[form.name] else 'no'} | {'yes' if anchors[form.name] else 'no'} |"
        )
    return lines


def _with(config: Any, extra: tuple[str, ...]) -> Any:
    if not extra:
        return config
    from mkdocs.config import load_config

    copy = load_config(str(Path(config.config_file_path)))
    copy["markdown_extensions"] = [*copy["markdown_extensions"], *extra]
    return copy


def _names(config: Any) -> list[str]:
    return [e if isinstance(e, str) else type(e).__name__ for e in config["markdown_extensions"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("build", type=Path, help="a built site's build folder (docs/ and mkdocs.yml inside)")
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages (0: all)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print("\n".join(run(args.build, args.pages, args.repeat)))
    return 0


__all__ = ["FORMS", "main", "run"]

if __name__ == "__main__":
    sys.exit(main())

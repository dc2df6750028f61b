"""Helpers for website tests (imported as `sitetools`): small sites built with the real MkDocs, parsed with lxml.

Building a site takes a second or two, so most modules build one shared site
in a module-scoped fixture (``make_site``) and test many pages of it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner, Result

from briefkit.cli.main import main
from tests.conftest import site_config, write_file_tree

MKDOCS_YML = site_config(
    "Test Desk",
    description="Briefings for tests.",
    site_url="https://example.org/news/",
    markdown_extensions="- admonition\n- attr_list\n- footnotes\n- tables\n- toc:\n    permalink: true",
    options="tag_page_size: 5",
)


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """The shared writer; only mkdocs.yml-style ``.yml`` files are dedented (brief bodies stay byte for byte)."""
    return write_file_tree(root, files, dedent=(".yml",))


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """``brief`` in-process, on the site at ``root``."""
    command = [args[0], "-f", str(root / "mkdocs.yml"), *args[1:]]
    return CliRunner().invoke(main, command, env=env, catch_exceptions=False)


def build(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    result = run(root, "build", *args, env=env)
    assert result.exit_code == 0, result.output
    return result


@dataclass
class Site:
    root: Path
    result: Result
    preview: bool = False

    @property
    def out(self) -> Path:
        return self.root / "build" / ("preview/site" if self.preview else "site")

    def html(self, url: str) -> lxml.html.HtmlElement:
        """The page at a site URL such as ``briefs/x/`` or ``""`` (home)."""
        path = self.out / url / "index.html" if not url.endswith(".html") else self.out / url
        assert path.is_file(), f"no page at /{url}"
        return lxml.html.fromstring(path.read_bytes())

    def exists(self, url: str) -> bool:
        return (self.out / url / "index.html").is_file()


@pytest.fixture(scope="module")
def make_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Site]:
    """Build a site from ``{path: content}`` (mkdocs.yml defaults to MKDOCS_YML)."""

    def make(files: dict[str, str | bytes], *args: str, preview: bool = False, env: dict[str, str] | None = None) -> Site:
        root = tmp_path_factory.mktemp("site")
        write_tree(root, {"mkdocs.yml": MKDOCS_YML, **files})
        flags = [*args, *(["--preview"] if preview else [])]
        return Site(root, build(root, *flags, env=env), preview)

    return make


def text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def one(tree: lxml.html.HtmlElement, css: str) -> lxml.html.HtmlElement:
    found = tree.cssselect(css)
    assert len(found) == 1, f"{css}: {len(found)} elements"
    return found[0]


def jsonld(tree: lxml.html.HtmlElement) -> list[dict[str, object]]:
    return [json.loads(s.text) for s in tree.cssselect('script[type="application/ld+json"]')]


def site_files(root: Path) -> Iterator[tuple[str, bytes]]:
    """Every file under a built site as (relative path, bytes), gzip files decompressed."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        yield path.relative_to(root).as_posix(), data


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}

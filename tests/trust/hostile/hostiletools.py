"""Helpers for the hostile-input suite (imported as ``hostiletools``).

A brief is written line by line, in a fixed order, so that a test can name
the exact line of the value it makes hostile; the column is found in the
written text, so a test states what it expects without counting spaces.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner, Result

from briefkit.cli.main import main
from briefkit.config import Config
from briefkit.content.markup import BodyRenderer
from briefkit.model import Brief, Corpus
from briefkit.web.docs import DocsRenderer
from briefkit.web.feeds import render_feeds
from briefkit.web.pages import SiteInfo
from tests.conftest import site_config, write_file_tree

MKDOCS_YML = site_config(
    "Hostile Desk", description="Briefings under attack.", site_url="https://example.org/news/", markdown_extensions="- tables"
)

BASE = {
    "title": "Baltic states expand air defence",
    "summary": "Estonia, Latvia and Lithuania agree a joint purchase.",
    "section": "Geopolitics / Europe",
    "date": "2026-11-20",
    "tags": "[NATO, Air defence]",
    "status": "published",
    "authors": "[Ada Lovelace]",
    "body": "|\n  The three states signed the agreement on Tuesday.",
}
"""Field -> its YAML text after ``key: ``.  Lines 1-7 are title..authors; body is lines 8-9."""

PATH = "briefs/hostile.yaml"
_PROBLEM = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.*) \[(?P<code>[a-z0-9-]+)\]$", re.M)


def brief(**fields: str) -> str:
    """A valid published brief with some fields' YAML text replaced; new fields go at the end (line 10 on)."""
    data = {**BASE, **fields}
    return "".join(f"{key}: {value}\n" for key, value in data.items())


def position(text: str, line: int, needle: str) -> tuple[int, int]:
    """1-based (line, column) of ``needle`` on ``line`` of ``text``."""
    col = text.split("\n")[line - 1].index(needle) + 1
    return line, col


@dataclass(frozen=True)
class Found:
    path: str
    line: int
    col: int
    code: str
    message: str


def problems(output: str) -> list[Found]:
    return [Found(m["path"], int(m["line"]), int(m["col"]), m["code"], m["msg"]) for m in _PROBLEM.finditer(output)]


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    """The shared writer, with the test config unless ``files`` has its own, and lone surrogates kept as written."""
    return write_file_tree(root, {"mkdocs.yml": MKDOCS_YML, **files}, errors="surrogatepass")


def brief_cli(root: Path, *args: str) -> Result:
    """``brief`` in-process on the site at ``root``; any exception that escapes fails the test."""
    result = CliRunner().invoke(main, [args[0], "-f", str(root / "mkdocs.yml"), *args[1:]], catch_exceptions=True)
    assert_clean(result)
    return result


def assert_clean(result: Result) -> None:
    """No traceback, no 'internal error': whatever happened was reported as a problem or succeeded."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"brief raised {type(result.exception).__name__}: {result.exception}\n{result.output}")
    assert "Traceback" not in result.output, result.output
    assert "internal error" not in result.output, result.output


def render_feed_files(root: Path, briefs: list[Brief], *, site_name: str = "Hostile Desk") -> dict[str, bytes]:
    """The Atom feeds of ``briefs`` from briefkit's real feed renderer, without MkDocs (fast enough per example)."""
    config = Config(root=root, file=root / "mkdocs.yml", site_name=site_name)
    tags = {t.slug: t for b in briefs for t in b.tags}
    site = SiteInfo(
        name=site_name, url="https://example.org/news/", description="d", language="en", tz=UTC, now=datetime(2026, 11, 27, tzinfo=UTC)
    )
    renderer = DocsRenderer(config, Corpus(tuple(briefs), tags), site, _body_renderer())
    return render_feeds(renderer)


@functools.cache
def _body_renderer() -> BodyRenderer:
    return BodyRenderer()  # building the Markdown converter is the slow part: once per run


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: JSON's escapes, lone surrogates written as escapes too."""
    quoted = json.dumps(text, ensure_ascii=False)
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", quoted)

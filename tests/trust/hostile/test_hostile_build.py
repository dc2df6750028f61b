"""Briefs at every limit build: file names fit, dates convert, feeds and sitemaps are well-formed XML.

These are the "or work" half of issue 10, section 3: what check accepts, the
real build (MkDocs included) must turn into a site whose every XML file
parses, whose pages parse, and whose file names fit any file system.
"""

from __future__ import annotations

import os
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from hostiletools import MKDOCS_YML, assert_clean, brief, brief_cli, write_site

ATOM = "{http://www.w3.org/2005/Atom}"
CJK = "中" * 100
TITLE = "Grain corridor \u200fמסדרון\u200f \u0627\u0644\u0645\u0645\u0631 & <ports> \U0001f6a2 " + "x" * 150


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("edges")
    tags = [CJK, "é" * 100, "9" * 100, *(f"tag {i}" for i in range(17))]
    files: dict[str, str | bytes] = {
        # The newest date there is, 3000-01-01 in UTC; 20 tags, one a 100-digit number; four 100-character CJK levels.
        "briefs/edge-late.yaml": brief(
            title=TITLE[:200].replace('"', ""),
            date="2999-12-31T23:59:00-23:59",
            section="[" + ", ".join([CJK, "é" * 100, CJK, "Ω" * 100]) + "]",
            tags="[" + ", ".join(tags) + "]",
            authors="[" + ", ".join(f"Author {i}" for i in range(20)) + "]",
            body='"Tab\\there, an override \\u202e inside a body, a line separator \\u2028 and <b>&amp;</b>."',
        ),
        # The oldest: 1899-12-31T10:00Z.
        "briefs/edge-early.yaml": brief(date="1900-01-01T00:00:00+14:00", section=f"[{CJK}, {'é' * 100}]", tags=f"[{CJK}]"),
        "briefs/plain.yaml": brief(),
    }
    write_site(root, files)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = brief_cli(root, "build", "--as-of", "3000-06-01T00:00:00Z")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert_clean(result)
    return root / "build" / "site"


def test_every_file_name_fits(built: Path) -> None:
    longest = max((len(part.encode()) for p in built.rglob("*") for part in p.relative_to(built).parts), default=0)
    assert 0 < longest <= 255
    assert len(list(built.glob("sections/*/*/*/*/index.html"))) == 1  # the four-level section exists, with a short path


def test_every_xml_file_is_well_formed(built: Path) -> None:
    xml_files = sorted(built.rglob("*.xml"))
    assert {"feed.xml", "sitemap.xml", "pages.xml"} <= {p.name for p in xml_files}
    for path in xml_files:
        lxml.etree.parse(str(path), lxml.etree.XMLParser(recover=False))  # raises on the first ill-formed byte


def test_feeds_carry_the_texts_and_stay_linear(built: Path) -> None:
    whole = lxml.etree.parse(str(built / "feed.xml"))
    titles = [e.findtext(f"{ATOM}title") for e in whole.iter(f"{ATOM}entry")]
    assert TITLE[:200].replace('"', "") in titles
    # Every category of an entry is repeated in each of its tags' feeds: at most (1 + 20) x 20 per brief.
    categories = sum(len(lxml.etree.parse(str(p)).findall(f".//{ATOM}category")) for p in built.rglob("feed.xml"))
    assert categories <= 3 * 21 * 20


def test_pages_parse_with_their_titles(built: Path) -> None:
    pages = sorted(built.glob("briefs/*/index.html"))
    assert len(pages) == 3
    for page in pages:
        doc = lxml.html.parse(str(page))
        assert doc.getroot().find(".//h1") is not None
    late = lxml.html.parse(str(built / "briefs" / "edge-late" / "index.html"))
    assert TITLE[:200].replace('"', "") in [" ".join(h.text_content().split()) for h in late.iter("h1")]


def test_a_site_name_with_control_characters_still_gives_well_formed_feeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Defence in depth: the config is not a brief, but a control character from it must not break every feed."""
    monkeypatch.chdir(tmp_path)
    config = 'site_name: "Hostile\\x01Desk\\ufffe"\n' + MKDOCS_YML.split("\n", 1)[1]
    write_site(tmp_path, {"mkdocs.yml": config, "briefs/plain.yaml": brief()})
    result = brief_cli(tmp_path, "build")
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "build" / "site").rglob("*.xml"):
        lxml.etree.parse(str(path))
    feed = lxml.etree.parse(str(tmp_path / "build" / "site" / "feed.xml"))
    assert feed.findtext(f"{ATOM}title") == "HostileDesk"

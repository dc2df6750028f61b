"""The leak gate finds withheld text in every kind of output file, and only withheld text.

Each case writes one real output file (WeasyPrint renders the PDF) holding the
secret the way a site would hold it, beside files that hold only what the
edition may show; ``scan`` must name that file and no other.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from weasyprint import HTML

from briefkit.editions.gate import Withheld, fingerprints, scan
from tests.editions.gatetools import SECRET, SECRET_TITLE, SHARED

BODY = Withheld("briefs/amber-crates.yaml", "body", 12, 7, f"{SECRET}.\n\n{SHARED}.\n", "TLP:AMBER")
TITLE = Withheld("briefs/amber-crates.yaml", "title", 2, 8, SECRET_TITLE, "TLP:AMBER")
LONG_WORDS = "Reconnaissance flights photographed intercontinental transshipment infrastructure along uncharted archipelagos"
LONG = Withheld("briefs/amber-crates.yaml", "key_points[0]", 9, 5, LONG_WORDS, "TLP:AMBER")
HELD = [f"Public: {SHARED}.", "Coastal radar network upgraded"]

# The secret as each kind of file carries it: escaped, split by markup, cased, hyphenated.
ESCAPED = SECRET.replace("patrol boats", "patrol&#32;boats").replace("before", "<em>before</em>")


def _html_text(d: Path) -> None:
    (d / "page.html").write_text(f"<html><body><article><p>{ESCAPED.upper()}</p></article></body></html>", encoding="utf-8")


def _html_attribute(d: Path) -> None:
    (d / "page.html").write_text(f'<html><head><meta name="description" content="{SECRET}"></head><body></body></html>', encoding="utf-8")


def _html_comment(d: Path) -> None:
    (d / "page.html").write_text(f"<html><body><!-- {SECRET} --><p>Nothing</p></body></html>", encoding="utf-8")


def _json_ld(d: Path) -> None:
    data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": SECRET_TITLE})
    (d / "page.html").write_text(f'<html><head><script type="application/ld+json">{data}</script></head></html>', encoding="utf-8")


def _search_index(d: Path) -> None:
    index = {"config": {"lang": ["en"]}, "docs": [{"location": "briefs/x/", "title": "X", "text": f"<p>{ESCAPED}</p>"}]}
    (d / "search").mkdir(exist_ok=True)
    (d / "search/search_index.json").write_text(json.dumps(index, ensure_ascii=True), encoding="utf-8")


def _feed(d: Path) -> None:
    content = f"&lt;p&gt;{SECRET.replace('crates', '&amp;#99;rates')}&lt;/p&gt;"  # HTML escaped inside XML, twice over
    (d / "feed.xml").write_text(
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        f'<title>Public</title><content type="html">{content}</content></entry></feed>',
        encoding="utf-8",
    )


def _sitemap_gz(d: Path) -> None:
    xml = f'<?xml version="1.0"?><urlset><url><loc>https://example.org/</loc><!-- {SECRET_TITLE} --></url></urlset>'
    (d / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode(), mtime=0))


def _pagefind_fragment(d: Path) -> None:
    fragment = json.dumps({"url": "/briefs/x/", "content": SECRET, "meta": {"title": "X"}})
    (d / "pagefind/fragment").mkdir(parents=True)
    (d / "pagefind/fragment/en_1a2b3c.pf_fragment").write_bytes(gzip.compress(b"pagefind_dc" + fragment.encode(), mtime=0))


def _pdf(d: Path) -> None:
    # A narrow column, justified and hyphenated: words break across lines as in print.
    page = (
        '<html lang="en"><head><style>@page { size: 90mm 120mm; margin: 10mm }'
        "p { hyphens: auto; text-align: justify; font-size: 11pt }</style></head>"
        f"<body><p>Introduction. {SECRET} and an intercontinental transshipment afterwards.</p></body></html>"
    )
    HTML(string=page).write_pdf(d / "brief.pdf")


def _pdf_hyphenated(d: Path) -> None:
    """Nearly every long word breaks across a line with a hyphen (U+2010), as WeasyPrint prints them."""
    page = (
        '<html lang="en"><head><style>@page { size: 60mm 120mm; margin: 10mm }'
        f"p {{ hyphens: auto; text-align: justify; font-size: 11pt }}</style></head><body><p>{LONG_WORDS}.</p></body></html>"
    )
    HTML(string=page).write_pdf(d / "brief.pdf")


def _pdf_metadata(d: Path) -> None:
    page = f'<html><head><title>Public</title><meta name="keywords" content="{SECRET_TITLE}"></head><body><p>Hello</p></body></html>'
    HTML(string=page).write_pdf(d / "brief.pdf")


def _robots(d: Path) -> None:
    (d / "robots.txt").write_text(f"User-agent: *\n# {SECRET}\nDisallow:\n", encoding="utf-8")


CASES: dict[str, tuple[Callable[[Path], None], str, Withheld]] = {
    "html-text": (_html_text, "page.html", BODY),
    "html-attribute": (_html_attribute, "page.html", BODY),
    "html-comment": (_html_comment, "page.html", BODY),
    "json-ld": (_json_ld, "page.html", TITLE),
    "search-index": (_search_index, "search/search_index.json", BODY),
    "feed-xml": (_feed, "feed.xml", BODY),
    "sitemap-gz": (_sitemap_gz, "sitemap.xml.gz", TITLE),
    "pagefind": (_pagefind_fragment, "pagefind/fragment/en_1a2b3c.pf_fragment", BODY),
    "pdf-text": (_pdf, "brief.pdf", BODY),
    "pdf-hyphenated": (_pdf_hyphenated, "brief.pdf", LONG),
    "pdf-metadata": (_pdf_metadata, "brief.pdf", TITLE),
    "robots": (_robots, "robots.txt", BODY),
}


def _clean_site(d: Path) -> None:
    """Files that hold only what the edition may show, the shared sentence included."""
    (d / "index.html").write_text(
        f'<html><head><meta name="description" content="{SHARED}"></head><body><p>{SHARED}.</p>'
        "<h1>Coastal radar network upgraded</h1></body></html>",
        encoding="utf-8",
    )
    (d / "search").mkdir(exist_ok=True)
    (d / "search/other.json").write_text(json.dumps({"docs": [{"text": f"<p>{SHARED}</p>"}]}), encoding="utf-8")
    (d / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_gate_finds_planted_text_in_each_kind_of_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    _clean_site(site)
    assert scan(site, [BODY, TITLE, LONG], HELD) == []  # the edition's own text, the shared sentence included, passes
    plant, where, item = CASES[case]
    plant(site)
    problems = scan(site, [BODY, TITLE, LONG], HELD)
    assert [(p.path, p.line, p.col, p.code) for p in problems] == [(item.path, item.line, item.col, "edition-leak")]
    assert f"site/{where} holds its text" in problems[0].message
    assert problems[0].message.startswith(f"{item.field} (TLP:AMBER) is withheld from the public edition")
    assert not {"patrol", "crates", "reconnaissance"} & set(problems[0].format().casefold().split())  # never quoted: logs are read too


@pytest.mark.parametrize("case", ["pdf-text", "pdf-hyphenated", "pdf-metadata"])
def test_pdf_text_is_read_without_poppler_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    """With no pdftotext on PATH the gate reads PDFs with pypdf, and finds the same."""
    assert shutil.which("pdftotext") is not None  # the other cases ran with poppler
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert shutil.which("pdftotext") is None
    test_the_gate_finds_planted_text_in_each_kind_of_file(tmp_path, monkeypatch, case)


def test_shared_sentences_are_no_evidence(tmp_path: Path) -> None:
    """A sentence the edition holds (a tearline repeating its parent) is dropped from the fingerprints."""
    prints = fingerprints([BODY], HELD)
    shared = tuple(SHARED.casefold().split())[:8]
    secret = tuple(SECRET.casefold().split())[:8]
    assert shared not in prints.phrases[8]
    assert secret in prints.phrases[8]
    (tmp_path / "page.html").write_text(f"<p>{SHARED}. {SHARED}.</p>", encoding="utf-8")
    assert scan(tmp_path, [BODY], HELD) == []
    assert [p.code for p in scan(tmp_path, [BODY], [])] == ["edition-leak"]  # without the held text it is a leak
    # The shared sentence first, the secret one after it: the shared one cannot hide the other.
    (tmp_path / "page.html").write_text(f"<p>{SHARED}.</p><p>{SECRET}.</p>", encoding="utf-8")
    problems = scan(tmp_path, [BODY], HELD)
    assert [p.code for p in problems] == ["edition-leak"]
    assert "(words 1-8)" in problems[0].message  # the evidence is the secret sentence, the body's first words


def test_short_and_common_text_is_not_a_fingerprint(tmp_path: Path) -> None:
    """Three words are not distinctive ("Weekly situation report"), a bare host name neither."""
    item = Withheld("briefs/a.yaml", "title", 1, 1, "Weekly situation report")
    assert not fingerprints([item])
    (tmp_path / "index.html").write_text("<h1>Weekly situation report</h1>", encoding="utf-8")
    assert scan(tmp_path, [item]) == []


def test_findings_are_one_per_file_and_item_in_a_stable_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("b.html", "a.html", "c/z.json"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        text = f"<p>{SECRET} {SECRET}</p><p>{SECRET_TITLE}</p>"
        (tmp_path / name).write_text(json.dumps([text]) if name.endswith(".json") else text, encoding="utf-8")
    problems = scan(tmp_path, [TITLE, BODY])
    assert [(p.path, p.message.split(" holds ")[0].split(", but ")[1]) for p in problems] == [
        ("briefs/amber-crates.yaml", "a.html"),
        ("briefs/amber-crates.yaml", "b.html"),
        ("briefs/amber-crates.yaml", "c/z.json"),
        ("briefs/amber-crates.yaml", "a.html"),
        ("briefs/amber-crates.yaml", "b.html"),
        ("briefs/amber-crates.yaml", "c/z.json"),
    ]
    assert [p.line for p in problems] == [2, 2, 2, 12, 12, 12]  # sorted by the brief's position, then the file
    assert scan(tmp_path, [TITLE, BODY]) == problems


def test_a_leak_on_every_page_names_ten_files_and_counts_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for n in range(13):
        (tmp_path / f"page{n:02}.html").write_text(f"<footer>{SECRET_TITLE}</footer>", encoding="utf-8")
    problems = scan(tmp_path, [TITLE])
    assert len(problems) == 11
    named = [p.message.split(" holds ")[0].split(", but ")[-1] for p in problems if ", but " in p.message]
    assert named == [f"page{n:02}.html" for n in range(10)]
    assert [p.message for p in problems if ", but " not in p.message] == [
        "title (TLP:AMBER) is withheld from the public edition, and 3 more output file(s) hold its text"
    ]
    assert "holds its text (all of it)" in problems[-1].message


def test_a_file_the_gate_cannot_read_fails_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really a PDF")
    (tmp_path / "index.json").write_text("{not json", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.html"
    outside.write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    (tmp_path / "linked.html").symlink_to(outside)  # a web server would serve what it points at
    (tmp_path / "assets").symlink_to(tmp_path.parent, target_is_directory=True)
    os.mkfifo(tmp_path / "pipe")  # reading it would hang the build
    problems = scan(tmp_path, [BODY])
    assert [(p.path, p.code) for p in problems] == [
        ("assets", "edition-unreadable"),
        ("broken.pdf", "edition-unreadable"),
        ("index.json", "edition-unreadable"),
        ("linked.html", "edition-unreadable"),
        ("pipe", "edition-unreadable"),
    ]


def test_a_link_the_edition_shows_is_no_evidence_of_a_restricted_source(tmp_path: Path) -> None:
    """A public body links the report a restricted brief cites: the URL in the public page is the public brief's."""
    url = "https://reports.example.org/2026/coastal/radar-upgrade"
    cited = Withheld("briefs/amber-crates.yaml", "sources[0].url", 20, 10, url, "TLP:AMBER")
    (tmp_path / "page.html").write_text(f'<p>See <a href="{url}">the report</a>.</p>', encoding="utf-8")
    assert scan(tmp_path, [cited], [f"See [the report]({url})."]) == []
    assert [p.code for p in scan(tmp_path, [cited], ["See the report."])] == ["edition-leak"]


def test_in_a_feed_no_phrase_runs_from_one_element_into_the_next(tmp_path: Path) -> None:
    """A public entry's last words, then an image description starting "The": two fields, so no withheld phrase.

    The withheld body shares the public sentence and goes on with "The election ..."; a phrase made of the
    entry's end and the description's first word would match it. Inside one element, the same words are a leak.
    """
    public = "The shipping association audited a register of tankers after a series of drills."
    withheld = Withheld("briefs/amber.yaml", "body", 15, 7, f"{public} The election commission met in secret.\n", "TLP:AMBER")

    def feed(*fields: str) -> None:
        parts = "".join(f"<{tag}>{text}</{tag}>" for tag, text in zip(("content", "media:description"), fields, strict=False))
        (tmp_path / "feed.xml").write_text(
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
            f'xmlns:media="http://search.yahoo.com/mrss/"><entry><title>Public</title>{parts}</entry></feed>',
            encoding="utf-8",
        )

    feed(public, "The defence ministry in Hexmord expanded a plan")
    assert scan(tmp_path, [withheld], [public]) == []
    feed(f"{public} The defence ministry in Hexmord expanded a plan")
    assert [p.code for p in scan(tmp_path, [withheld], [public])] == ["edition-leak"]


def test_a_sites_address_and_its_anchor_are_two_names_not_one_phrase(tmp_path: Path) -> None:
    """Material locates a section as `page/#heading`: a public slug then a public heading, read as one run of words.

    At 10,000 briefs such a run matched a withheld body whose paragraph ended with the slug's words and went on
    with the same heading. The address of a site's own page is split at its anchor; an absolute URL (a source
    a brief cites) is read whole, so a withheld one is still found with its fragment.
    """
    public_title = "Kourbreen reviewed a pilot programme for drone detection"
    body = "Officials said they would fund a pilot programme for drone detection.\n\n## The numbers\n\nSpending rose.\n"
    withheld = Withheld("briefs/amber.yaml", "body", 15, 7, body, "TLP:AMBER")
    slug = "briefs/2020-02-01-kourbreen-reviewed-a-pilot-programme-for-drone-detection/"
    index = {"docs": [{"location": f"{slug}#the-numbers", "title": "The numbers", "text": "<p>Spending rose.</p>"}]}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (tmp_path / "page.html").write_text(f'<p><a href="../{slug}#the-numbers">{public_title}</a></p>', encoding="utf-8")
    assert scan(tmp_path, [withheld], [public_title, "The numbers", "Spending rose."]) == []

    cited = Withheld("briefs/amber.yaml", "sources[0].url", 20, 10, "https://reports.example.org/r#annex-b", "TLP:AMBER")
    (tmp_path / "page.html").write_text('<p><a href="https://reports.example.org/r#annex-b">report</a></p>', encoding="utf-8")
    leaks = scan(tmp_path, [withheld, cited], [public_title, "The numbers", "Spending rose."])
    assert [(p.code, p.path) for p in leaks] == [("edition-leak", "briefs/amber.yaml")]
    assert "page.html" in leaks[0].message

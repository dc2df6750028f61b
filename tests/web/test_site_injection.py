"""Briefs cannot inject markup or template code into the site."""

from __future__ import annotations

import json

import lxml.etree
import pytest

from tests.conftest import brief_yaml
from tests.web.sitetools import Site, jsonld, one, site_files, text

EVIL_BODY = """\
Before {{ 7*7 }} and {% raw %}x{% endraw %} and {# c #}.

<script>alert("body-script")</script>

<img src="x.png" onerror="alert('img-onerror')" alt="pic">

[click me](javascript:alert('md-link'))

<a href="javascript:alert('html-link')" onclick="alert('onclick')">html link</a>

<iframe src="https://evil.example/frame"></iframe>

<div style="background:url(javascript:alert('css'))" class="note">styled</div>

<svg onload="alert('svg')"><circle r="1"/></svg>

After.
"""

TITLE = '<script>alert("title")</script> *Bold* [link](x) {{ 7*7 }} & "quotes" </title>'
TAG = "<b>Tag</b> & *stars* {{ 7*7 }}"
SUMMARY = 'Summary with <em>tags</em>, "quotes", & ampersands </p><script>alert("summary")</script>'
AUTHOR = "Eve <script>alert('author')</script>"

FILES: dict[str, str | bytes] = {
    "briefs/evil.yaml": brief_yaml(
        title=TITLE,
        summary=SUMMARY,
        tags=[TAG, "Plain"],
        authors=[AUTHOR],
        section="Desk <i>one</i> / Sub {{ 7*7 }}",
        bluf='BLUF <img src=x onerror="alert(1)">',
        key_points=["<b>point</b> {{ 7*7 }}"],
        sources=[{"title": "<script>alert('source')</script>", "url": "https://example.org/?q=<script>", "publisher": "P & Q"}],
        corrections=[{"date": "2026-11-21", "text": "<script>alert('correction')</script>"}],
        body=EVIL_BODY,
    ),
    "briefs/other.yaml": brief_yaml(title="A neighbour", tags=["Plain"], body="Neighbour body.\n"),
}


@pytest.fixture(scope="module")
def site(make_site) -> Site:  # type: ignore[no-untyped-def]
    return make_site(FILES)


def pages(site: Site) -> list[str]:
    return [p.relative_to(site.out).parent.as_posix() + "/" for p in site.out.rglob("index.html")]


def test_body_scripts_handlers_and_javascript_urls_are_removed(site: Site) -> None:
    for url in pages(site):
        page = site.html("" if url == "./" else url)
        for script in page.iter("script"):
            if script.get("type") == "application/ld+json":
                assert "<" not in (script.text or ""), url  # data only, and it cannot close its element
            else:
                assert "alert" not in (script.text or ""), url
        for el in page.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                assert not name.lower().startswith("on"), (url, el.tag, name)
                assert "javascript:" not in value.lower(), (url, el.tag, name, value)
        assert not page.cssselect("iframe"), url
    body = one(site.html("briefs/evil/"), ".bk-body")
    assert "html link" in text(body) and "click me" in text(body)
    assert one(body, "img").get("src") == "x.png"


def test_template_syntax_in_a_body_appears_literally(site: Site) -> None:
    body = text(one(site.html("briefs/evil/"), ".bk-body"))
    assert "Before {{ 7*7 }} and {% raw %}x{% endraw %} and {# c #}." in body
    assert "49" not in body


def test_title_and_plain_fields_are_text_everywhere(site: Site) -> None:
    page = site.html("briefs/evil/")
    assert text(one(page, "h1.bk-head__title")) == " ".join(TITLE.split())
    assert text(one(page, "title")) == " ".join(TITLE.split()) + " - Test Desk"
    assert text(one(page, ".bk-standfirst")) == SUMMARY
    assert text(one(page, ".bk-byline .bk-author")) == AUTHOR
    assert text(one(page, ".bk-bluf p")) == 'BLUF <img src=x onerror="alert(1)">'
    assert text(one(page, ".bk-keypoints li")) == "<b>point</b> {{ 7*7 }}"
    assert text(one(page, ".bk-sources li")).startswith("<script>alert('source')</script>, P & Q")
    assert one(page, ".bk-sources a").get("href") == "https://example.org/?q=<script>"
    assert text(one(page, ".bk-correction")).endswith("<script>alert('correction')</script>")
    chips = [text(a) for a in page.cssselect(".bk-tags .bk-chip")]
    assert chips == [TAG, "Plain"]
    crumbs = [text(li) for li in one(page, ".bk-crumbs").cssselect("li")]
    assert crumbs == ["Home", "Desk <i>one</i>", "Sub {{ 7*7 }}"]
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.cssselect("head meta")}
    assert meta["og:title"] == " ".join(TITLE.split())
    assert meta["description"] == SUMMARY
    assert meta["author"] == AUTHOR
    assert jsonld(page)[0]["headline"] == TITLE
    # No element came from a field: the only <b>, <i>, <em> are none at all.
    assert not page.cssselect(".bk-head b, .bk-head i, .bk-head em, .bk-tags b, .bk-crumbs i")


def test_fields_are_text_on_listings(site: Site) -> None:
    for url in ("", "tags/plain/", "tags/", "archive/2026/11/", "sections/desk-i-one-i/"):
        page = site.html(url)
        assert not page.cssselect("main b, main i, main em"), url
        assert not [s for s in page.cssselect("main script") if "alert" in (s.text or "")], url
    titles = [text(a) for a in site.html("tags/plain/").cssselect(".bk-card__title")]
    assert " ".join(TITLE.split()) in titles
    tags = [text(a) for a in site.html("tags/").cssselect(".bk-taglist__name")]
    assert TAG in tags


def test_feeds_and_search_index_carry_fields_as_text(site: Site) -> None:
    feed = lxml.etree.fromstring((site.out / "feed.xml").read_bytes())
    ns = "{http://www.w3.org/2005/Atom}"
    titles = [e.findtext(f"{ns}title") for e in feed.iter(f"{ns}entry")]
    assert TITLE in titles
    index = json.loads((site.out / "search" / "search_index.json").read_text(encoding="utf-8"))
    evil = [d for d in index["docs"] if d["location"] == "briefs/evil/"]
    # Material renders search titles as HTML: the title must arrive escaped.
    assert evil and "<script>" not in evil[0]["title"] and "&lt;script&gt;" in evil[0]["title"]
    for name, data in site_files(site.out):
        if name.endswith((".html", ".xml", ".json")):
            assert b"<script>alert(" not in data, name

"""Nothing of a non-public brief reaches a public build; everything reaches a preview.

Each non-public brief carries its own canary string in every field (and its
file name, which becomes its slug).  Every file of the built site is searched,
HTML, JSON, XML and the gzipped sitemap included.
"""

from __future__ import annotations

import pytest

from tests.conftest import brief_yaml
from tests.web.sitetools import Site, one, site_files, text

AS_OF = "2026-12-01T00:00:00+00:00"

CASES = {
    # canary: (overrides, the reason the preview banner gives)
    "cnrydraft": ({"status": "draft"}, "draft"),
    "cnryreview": ({"status": "review"}, "in review"),
    "cnryapproved": ({"status": "approved"}, "approved"),
    "cnryembargo": ({"publish_at": "2026-12-05T09:00:00+00:00"}, "embargoed until 5 December 2026, 09:00 UTC"),  # dates as pages show them
    "cnryexpired": ({"expires": "2026-11-30"}, "expired on 30 November 2026"),
    "cnrygreen": ({"handling": "TLP:GREEN"}, "TLP:GREEN"),
    "cnryamber": ({"handling": "TLP:AMBER"}, "TLP:AMBER"),
    "cnrystrict": ({"handling": "TLP:AMBER+STRICT"}, "TLP:AMBER+STRICT"),
    "cnryred": ({"handling": "TLP:RED"}, "TLP:RED"),
}


def secret_brief(canary: str, overrides: dict[str, object]) -> str:
    fields: dict[str, object] = {
        "title": f"Secret title {canary}",
        "summary": f"Secret summary {canary}.",
        "section": f"Shared desk / Desk {canary} / Sub {canary}",
        "date": "2026-11-10",
        "tags": [f"Tag {canary}", "Shared"],
        "authors": [f"Author {canary}"],
        "kind": "analysis",
        "bluf": f"Bottom line {canary}.",
        "key_points": [f"Point {canary}"],
        "confidence": "low",
        "sources": [{"title": f"Source {canary}", "url": f"https://example.org/{canary}", "publisher": f"Publisher {canary}"}],
        "corrections": [{"date": "2026-11-11", "text": f"Correction {canary}."}],
        "featured": True,
        "body": f"Body text {canary}.\n\n## Heading {canary}\n\nMore {canary}.\n",
        **overrides,
    }
    return brief_yaml(**fields)


FILES: dict[str, str | bytes] = {
    "briefs/public-brief.yaml": brief_yaml(
        title="The one public brief",
        summary="Only this may be seen.",
        section="Shared desk",
        date="2026-11-05",
        tags=["Shared"],
        body="Public body.\n",
    ),
    **{f"briefs/secret-{canary}.yaml": secret_brief(canary, overrides) for canary, (overrides, _) in CASES.items()},
}


@pytest.fixture(scope="module")
def public(make_site) -> Site:  # type: ignore[no-untyped-def]
    return make_site(FILES, "--as-of", AS_OF)


@pytest.fixture(scope="module")
def preview(make_site) -> Site:  # type: ignore[no-untyped-def]
    return make_site(FILES, "--as-of", AS_OF, preview=True)


def test_public_build_has_no_trace_of_non_public_briefs(public: Site) -> None:
    files = list(site_files(public.out))
    kinds = {name.rsplit(".", 1)[-1] for name, _ in files}
    assert {"html", "json", "xml", "gz", "css", "js"} <= kinds
    leaks = [(name, canary) for name, data in files for canary in CASES if canary.encode() in data.lower()]
    assert leaks == []
    # The generated Markdown that `mkdocs serve` would show is clean too.
    docs = public.root / "build" / "docs"
    assert [(p.name, c) for p in docs.rglob("*") if p.is_file() for c in CASES if c.encode() in p.read_bytes().lower()] == []


def test_public_counts_and_listings_include_only_public_briefs(public: Site) -> None:
    shared = public.html("tags/shared/")
    assert text(one(shared, ".bk-count-text")) == "1 briefing"
    assert [text(a) for a in shared.cssselect(".bk-card__title")] == ["The one public brief"]
    counts = {text(one(i, ".bk-taglist__name")): text(one(i, ".bk-count")) for i in public.html("tags/").cssselect(".bk-taglist__item")}
    assert counts == {"Shared": "1"}
    assert [text(a) for a in public.html("").cssselect(".bk-card__title")] == ["The one public brief"]
    assert text(one(public.html("sections/shared-desk/"), ".bk-count-text")) == "1 briefing"
    assert sorted(p.name for p in (public.out / "briefs").iterdir()) == ["public-brief"]
    assert not (public.root / "build" / "preview").exists()


IN_PREVIEW = [c for c in CASES if c != "cnryred"]
"""TLP:RED is never part of a site, the preview included: it is printed only as a named copy."""


def test_preview_shows_every_canary_but_red(preview: Site) -> None:
    blob = b"\n".join(data.lower() for _, data in site_files(preview.out))
    assert [c for c in IN_PREVIEW if c.encode() not in blob] == []
    assert b"cnryred" not in blob
    assert preview.out == preview.root / "build" / "preview" / "site"
    assert not (preview.root / "build" / "site").exists()


@pytest.mark.parametrize("canary", IN_PREVIEW)
def test_preview_banner_says_why(preview: Site, canary: str) -> None:
    page = preview.html(f"briefs/secret-{canary}/")
    assert text(one(page, ".bk-preview-banner__reason")) == CASES[canary][1]
    assert text(one(page, "h1.bk-head__title")) == f"Secret title {canary}"
    # Preview pages ask search engines to stay away, and say so site-wide.
    assert one(page, 'meta[name="robots"]').get("content") == "noindex, nofollow"
    assert "PREVIEW BUILD" in text(one(page, ".bk-announce-preview"))


def test_preview_tlp_banner_uses_the_label_colour(preview: Site) -> None:
    page = preview.html("briefs/secret-cnrystrict/")
    tlp = one(page, ".bk-tlp")
    assert "bk-tlp-amber-strict" in tlp.get("class")
    assert text(one(tlp, ".bk-tlp__label")) == "TLP:AMBER+STRICT"
    assert "Limited disclosure: the recipient's organisation only, need-to-know." in text(tlp)


def test_public_brief_carries_no_preview_banner(public: Site, preview: Site) -> None:
    for site in (public, preview):
        page = site.html("briefs/public-brief/")
        assert not page.cssselect(".bk-preview-banner")
    assert not public.html("briefs/public-brief/").cssselect('meta[name="robots"], .bk-announce-preview')

"""With PDFs on, pages link to the PDFs the build really wrote into the site."""

from __future__ import annotations

import posixpath

import pytest

from tests.conftest import brief_yaml
from tests.web.sitetools import MKDOCS_YML, Site, one

PDF_YML = MKDOCS_YML.replace(
    "      pdf:\n        enabled: false\n",
    "      pdf:\n        enabled: true\n        books:\n          latest: 1\n          sections: true\n          tags: true\n          daily: false\n",
)


@pytest.fixture(scope="module")
def site(make_site) -> Site:  # type: ignore[no-untyped-def]
    return make_site(
        {
            "mkdocs.yml": PDF_YML,
            "briefs/one.yaml": brief_yaml(title="One", section="Energy", tags=["Gas"], date="2026-11-20"),
            "briefs/two.yaml": brief_yaml(title="Two", section="Energy / Grid", tags=["Gas"], date="2026-11-21"),
        },
        "--jobs",
        "1",
    )


def resolve(site: Site, page_url: str, href: str) -> bool:
    target = posixpath.normpath(posixpath.join("/" + page_url, href)).lstrip("/")
    return (site.out / target).is_file()


def test_brief_pages_link_their_pdf(site: Site) -> None:
    for slug in ("one", "two"):
        link = one(site.html(f"briefs/{slug}/"), "a.bk-pdf")
        assert link.text_content() == "Download PDF"
        assert link.get("href") == f"../../pdf/{slug}.pdf"
        assert resolve(site, f"briefs/{slug}/", link.get("href"))
        assert (site.out / "pdf" / f"{slug}.pdf").read_bytes().startswith(b"%PDF-")


def test_listings_link_their_books(site: Site) -> None:
    expected = {
        "tags/gas/": "../../pdf/books/tag-gas.pdf",
        "sections/energy/": "../../pdf/books/section-energy.pdf",
        "": "pdf/books/latest.pdf",
    }
    for url, href in expected.items():
        hrefs = [a.get("href") for a in site.html(url).cssselect("a.bk-pdf")]
        assert href in hrefs, (url, hrefs)
        assert resolve(site, url, href)
    # Sub-sections have no book of their own.
    assert not site.html("sections/energy/grid/").cssselect("a.bk-pdf")

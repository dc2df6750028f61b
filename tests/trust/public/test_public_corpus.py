"""Briefs a build does not show shape nothing in it: tag spellings, vocabularies, sections, authors.

One public brief; several hidden briefs (drafts, AMBER, embargoed...) that
re-spell its tag and its section and bring their own tags, sections,
authors and vocabulary entries.  The public build must read as if they did
not exist; a preview shows everything.
"""

from __future__ import annotations

import lxml.etree
import pytest

from tests.conftest import FileTree, brief_yaml
from tests.trust.public.publictools import build, leaks, mkdocs, output_texts, page

HIDDEN = {
    "draft": {"status": "draft"},
    "review": {"status": "review"},
    "amber": {"handling": "TLP:AMBER"},
    "red": {"handling": "TLP:RED"},
    "embargoed": {"publish_at": "2027-01-01T09:00:00+00:00"},
    "expired": {"expires": "2026-12-01"},
}

PUBLIC_TAG = "Air Defence"
RESPELLED = "aIr DeFence"  # the hidden briefs' spelling: two of them outvote the public one over all briefs
PUBLIC_SECTION = "Geopolitics / Europe"
RESECTIONED = "GEOPOLITICS / eUROPE"
PRIVATE = ["Xqdrafttag", "Xqdraftsection", "Xqdraftauthor", "Xqvocabdesc", "Xqauthorbio", "Xqaliasword"]

TAGS_YML = """\
Xqvocab only:
  description: A tag only hidden briefs use. Xqvocabdesc
  aliases: [Xqaliasword]
"""

AUTHORS_YML = """\
xq:
  name: Xqdraftauthor
  bio: Xqauthorbio
desk:
  name: Desk Writer
"""


def files(hidden: dict[str, object]) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {
        "mkdocs.yml": mkdocs(),
        "briefs/_tags.yml": TAGS_YML,
        "briefs/_authors.yml": AUTHORS_YML,
        "briefs/public-one.yaml": brief_yaml(
            title="Public brief", tags=[PUBLIC_TAG, "Shared"], section=PUBLIC_SECTION, authors=["desk"], date="2026-11-20"
        ),
    }
    for i in range(2):
        out[f"briefs/hidden-{i}.yaml"] = brief_yaml(
            title=f"Hidden {i}",
            tags=[RESPELLED, "Xqdrafttag", "Xqaliasword", "Shared"],
            section=f"{RESECTIONED} / Xqdraftsection",
            authors=["xq", "desk"],
            date="2026-11-21",
            **hidden,
        )
    return out


@pytest.mark.parametrize("why", sorted(HIDDEN))
def test_hidden_briefs_do_not_shape_the_public_site(build_file_tree: FileTree, why: str) -> None:
    root = build_file_tree(files(HIDDEN[why]))
    site = build(root)
    # The public brief keeps its own spellings of its tag and section everywhere.
    assert leaks(site, [RESPELLED, *PRIVATE, "eUROPE", "GEOPOLITICS"]) == []
    chips = [a.text_content().strip() for a in page(site, "public-one").cssselect(".bk-tags a")]
    assert PUBLIC_TAG in chips
    assert any(PUBLIC_TAG in text for rel, text in output_texts(site) if rel == "feed.xml")
    feed = lxml.etree.parse(str(site / "feed.xml")).getroot()
    labels = {c.get("label") or c.get("term") for c in feed.iter("{http://www.w3.org/2005/Atom}category")}
    assert PUBLIC_TAG in labels
    # Tag pages exist only for tags a public brief uses; counts count public briefs only.
    tag_dirs = sorted(p.name for p in (site / "tags").iterdir() if p.is_dir())
    assert "xqdrafttag" not in tag_dirs and "xqvocab-only" not in tag_dirs and "air-defence" in tag_dirs
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert PUBLIC_TAG in search and RESPELLED not in search


def test_a_preview_shows_the_hidden_briefs_and_their_vocabulary(build_file_tree: FileTree) -> None:
    root = build_file_tree(files(HIDDEN["draft"]))
    site = build(root, "--preview")
    found = {needle for _rel, needle in leaks(site, ["Xqdrafttag", "Xqdraftsection", "Xqdraftauthor", RESPELLED])}
    assert found == {"Xqdrafttag", "Xqdraftsection", "Xqdraftauthor", RESPELLED}


def test_spellings_still_unify_among_public_briefs(build_file_tree: FileTree) -> None:
    # Two public briefs spell it one way, one another: the public majority wins, and check warns.
    tree = files(HIDDEN["draft"])
    for i in range(2):
        tree[f"briefs/public-extra-{i}.yaml"] = brief_yaml(title=f"Extra {i}", tags=["AIR defence"], date="2026-11-19")
    root = build_file_tree(tree)
    site = build(root)
    chips = [a.text_content().strip() for a in page(site, "public-one").cssselect(".bk-tags a")]
    assert "AIR defence" in chips and PUBLIC_TAG not in chips
    assert leaks(site, [RESPELLED]) == []

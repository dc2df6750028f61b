"""One rule for what a brief file is (briefkit.source.discovery.classify), applied by the disk reader and the git reader alike.

The links are tested in tests/trust/inputs/test_inputs_discovery.py; here the
names: suffixes, underscores, hidden files and folders, nested vocabularies.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from briefkit.config import load_config
from briefkit.review import gitio
from briefkit.review.diff import load_revision
from briefkit.source import discovery
from briefkit.source.load import load
from tests.review.conftest import LABELLED_SITE, TAGS, GitSite, brief

ENTRIES = {
    "briefs/top.yaml": True,
    "briefs/world/short-suffix.yml": True,
    "briefs/world/deep/er/down.yaml": True,
    "briefs/_draft.yaml": False,  # an underscore: the editors' own file
    "briefs/world/_notes.yml": False,
    "briefs/.hidden.yaml": False,
    "briefs/.trash/old.yaml": False,  # inside a hidden folder
    "briefs/world/.git-crypt/key.yaml": False,
    "briefs/upper.YAML": False,  # the suffix is matched as written
    "briefs/notes.md": False,
    "briefs/world/_tags.yml": False,  # a vocabulary only at the top
}


TOP_TAGS = ["air-defence", "baltic-security", "energy", "nato-allies", "ransomware"]


def test_classify_names() -> None:
    for rel, is_brief in ENTRIES.items():
        kind = discovery.classify(PurePosixPath(rel).relative_to("briefs"), link=False)
        assert (kind == "brief") is is_brief, (rel, kind)
    assert discovery.classify(PurePosixPath("_tags.yml"), link=False) == "vocabulary"
    assert discovery.classify(PurePosixPath("_authors.yml"), link=False) == "vocabulary"
    assert discovery.classify(PurePosixPath("top.yaml"), link=True) == "link"
    assert discovery.classify(PurePosixPath(".trash/top.yaml"), link=True) is None  # hidden: never looked at


def test_disk_and_git_read_the_same_files(git_site: GitSite) -> None:
    git_site.write("mkdocs.yml", LABELLED_SITE)
    git_site.write("briefs/_tags.yml", TAGS)
    for i, rel in enumerate(ENTRIES):
        git_site.write(rel, brief(f"Entry number {i}", tags="[NATO allies, Nested only]"))
    git_site.write("briefs/world/_tags.yml", "Nested only:\n  description: never read.\n")
    git_site.commit("Every kind of name", "ada", "2026-11-02T09:00:00+00:00")
    config = load_config(git_site.root)

    disk = load(config)
    git = load_revision(config, gitio.require_repo(git_site.root), "HEAD").result

    wanted = tuple(sorted(rel for rel, is_brief in ENTRIES.items() if is_brief))
    assert disk.paths == wanted
    assert git.paths == wanted
    assert sorted(disk.corpus.vocabulary) == sorted(git.corpus.vocabulary) == TOP_TAGS  # the top _tags.yml only
    assert [(p.path, p.line, p.code) for p in disk.problems] == [(p.path, p.line, p.code) for p in git.problems]
    assert [b.digest for b in disk.corpus.briefs] == [b.digest for b in git.corpus.briefs]

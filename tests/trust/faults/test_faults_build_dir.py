"""briefkit deletes only what it wrote: no build folder that holds sources, and the docs sync deletes only its own files.

With ``build_dir: "."`` a build deleted docs/notes.md.  Now such a build
folder is a config error at its line in mkdocs.yml, before anything is
written, and a file that briefkit did not write into build/docs is never
deleted (nor published).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from faulttools import MKDOCS_YML, brief, make_site, page_title

from tests.conftest import write_file_tree

CASES = {
    ".": "is the site root",
    "./": "is the site root",
    "..": "contains the site root",
    "briefs": "contains the briefs folder 'briefs'",
    "briefs/out": "is inside the briefs folder 'briefs'",
    "assets/build": "is inside the assets folder 'assets'",
    "templates": "contains the templates folder 'templates'",
    "vendor": "contains .git",
}


def config_with(build_dir: str) -> str:
    return MKDOCS_YML.format(pdf="false") + f"      build_dir: {build_dir!r}\n"


@pytest.mark.parametrize("build_dir", sorted(CASES))
def test_a_build_folder_holding_sources_is_refused(tmp_path: Path, build_dir: str) -> None:
    root = make_site(tmp_path / "site", "Version one")
    (root / "mkdocs.yml").write_text(config_with(build_dir), encoding="utf-8")
    keep = {
        "docs/notes.md": "my notes\n",
        "notes.txt": "more notes\n",
        "assets/logo.txt": "logo\n",
        "templates/site/x.html": "x\n",
        "vendor/.git/HEAD": "ref: refs/heads/main\n",
        "../outside.txt": "outside\n",
    }
    write_file_tree(root, keep)
    line = len(config_with(build_dir).splitlines())
    for command in (["build"], ["build", "--clean"], ["check"]):
        result = brief(root, *command)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        problem = (
            f"mkdocs.yml:{line}:18: error: build_dir '{build_dir}' {CASES[build_dir]}; briefkit replaces what is in it [config-build-dir]"
        )
        assert problem in output.splitlines(), output
        assert "Traceback" not in output
    for rel, text in keep.items():
        assert (root / rel).read_text(encoding="utf-8") == text
    assert sorted(p.name for p in root.iterdir()) == ["assets", "briefs", "docs", "mkdocs.yml", "notes.txt", "templates", "vendor"]


@pytest.mark.parametrize("build_dir", ["build", "out/site-build", "../elsewhere"])
def test_a_folder_of_its_own_is_accepted(tmp_path: Path, build_dir: str) -> None:
    root = make_site(tmp_path / "site", "Version one")
    (root / "mkdocs.yml").write_text(config_with(build_dir), encoding="utf-8")
    result = brief(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert page_title(root / build_dir / "site") == "Version one"


def test_docs_sync_never_deletes_a_file_it_did_not_write(tmp_path: Path) -> None:
    root = make_site(tmp_path, "Version one", briefs=3)
    assert brief(root, "build").returncode == 0
    docs = root / "build/docs"
    stray = docs / "notes.md"
    stray.write_text("someone's notes\n", encoding="utf-8")
    (docs / "briefs/extra").mkdir()
    (docs / "briefs/extra/page.md").write_text("# extra\n", encoding="utf-8")

    (root / "briefs/other-2.yaml").unlink()  # a page briefkit wrote, no longer wanted
    for command in (["build"], ["build", "--clean"]):
        result = brief(root, *command)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "build/docs/ holds file(s) briefkit did not write: briefs/extra/page.md, notes.md" in output
        assert stray.read_text(encoding="utf-8") == "someone's notes\n"
        assert (docs / "briefs/extra/page.md").is_file()
        assert page_title(root / "build/site", "other-2") == "Other brief 2"  # the last site stays

    stray.unlink()
    (docs / "briefs/extra/page.md").unlink()
    result = brief(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (docs / "briefs/other-2").exists()  # briefkit's own page of a removed brief is deleted
    assert page_title(root / "build/site", "other-2") is None
    assert page_title(root / "build/site") == "Version one"

"""A brief with no handling label is public only when the site says what unlabelled means.

Without ``default_handling`` in the briefkit entry of mkdocs.yml, a brief
with no ``handling`` is never public, and ``brief check`` reports a published
one.  ``brief init`` and the demo site set the default explicitly.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from briefkit.model import Status, Tlp, visibility
from tests.conftest import REPO, FileTree, brief_yaml, site_config
from tests.trust.public.publictools import AS_OF, brief, build, leaks

NO_DEFAULT = site_config("T", site_url=None, search=False, timezone=None, default_handling=None)


def with_default(label: str) -> str:
    return NO_DEFAULT + f"      default_handling: {label}\n"


def unlabelled(**fields: object) -> str:
    return brief_yaml(handling=None, **fields)


def test_without_a_default_check_reports_a_published_unlabelled_brief(build_file_tree: FileTree) -> None:
    root = build_file_tree({"mkdocs.yml": NO_DEFAULT, "briefs/a.yaml": unlabelled(), "briefs/b.yaml": unlabelled(status="draft")})
    result = brief(root, "check")
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if "[no-handling]" in line]
    status_line = next(i for i, line in enumerate(unlabelled().splitlines(), 1) if line.startswith("status:"))
    assert problems == [
        f"briefs/a.yaml:{status_line}:9: error: a published brief needs a handling label: this one has none, "
        "and mkdocs.yml sets no default_handling [no-handling]"
    ]
    assert "Traceback" not in result.output
    # The build refuses it too: nothing unlabelled is published by accident.
    built = brief(root, "build", "--as-of", AS_OF)
    assert built.exit_code == 1 and not (root / "build/site").exists()


@pytest.mark.parametrize("status", ["draft", "review", "approved"])
def test_without_a_default_an_unlabelled_brief_in_the_workflow_is_fine_but_never_public(build_file_tree: FileTree, status: str) -> None:
    root = build_file_tree({"mkdocs.yml": NO_DEFAULT, "briefs/a.yaml": unlabelled(status=status, title="Xqunlabelled")})
    assert brief(root, "check").exit_code == 0
    preview = build(root, "--preview")
    assert [n for _f, n in leaks(preview, ["Xqunlabelled"])]  # the preview shows it
    board = json.loads(brief(root, "status", "--as-of", AS_OF, "--format", "json").stdout)
    (row,) = [b for g in board["groups"] for b in g["briefs"]]
    assert row["handling"] is None


@pytest.mark.parametrize(
    ("default", "public"),
    [("TLP:CLEAR", True), ("TLP:GREEN", False), ("TLP:AMBER", False), ("TLP:AMBER+STRICT", False), ("TLP:RED", False)],
)
def test_the_site_default_labels_unlabelled_briefs(build_file_tree: FileTree, default: str, public: bool) -> None:
    root = build_file_tree(
        {
            "mkdocs.yml": with_default(default),
            "briefs/unlabelled.yaml": unlabelled(title="Xqunlabelled"),
            "briefs/labelled.yaml": brief_yaml(title="Labelled clear", handling="TLP:CLEAR"),
        }
    )
    assert brief(root, "check").exit_code == 0
    site = build(root)
    assert bool(leaks(site, ["Xqunlabelled"])) is public
    assert (site / "briefs/labelled/index.html").is_file()  # an explicit label wins over the default


def test_an_explicit_restricted_label_wins_over_a_clear_default(build_file_tree: FileTree) -> None:
    root = build_file_tree({"mkdocs.yml": with_default("TLP:CLEAR"), "briefs/a.yaml": brief_yaml(title="Xqamber", handling="TLP:AMBER")})
    assert leaks(build(root), ["Xqamber"]) == []


def test_an_unlabelled_brief_is_never_visible_whatever_else_it_is() -> None:
    from briefkit.config import Config
    from briefkit.source.load import read_brief

    config = Config(root=Path("."), file=Path("mkdocs.yml"))
    brief_then = read_brief(config, "briefs/a.yaml", unlabelled().encode())
    assert brief_then is None  # published and unlabelled: an error, so history counts it private
    draft = read_brief(config, "briefs/a.yaml", unlabelled(status="draft").encode())
    assert draft is not None and not draft.labelled and draft.handling is Tlp.RED
    from dataclasses import replace

    published = replace(draft, status=Status.PUBLISHED)
    assert visibility(published, datetime(2027, 1, 1, tzinfo=UTC)).reason == "no handling label"


def test_scaffold_and_demo_set_the_default_explicitly(tmp_path: Path) -> None:
    result = brief(tmp_path, "init", "new-site", "--name", "New Site")
    assert result.exit_code == 0, result.output
    assert "default_handling: TLP:CLEAR" in result.stderr
    for config in (tmp_path / "new-site/mkdocs.yml", REPO / "mkdocs.yml"):
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        entry = next(p["briefkit"] for p in data["plugins"] if isinstance(p, dict) and "briefkit" in p)
        assert entry["default_handling"] == "TLP:CLEAR", config
    # The scaffold's own example brief passes check with it.
    assert brief(tmp_path / "new-site", "check").exit_code == 0

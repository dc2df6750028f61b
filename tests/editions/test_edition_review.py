"""Review knows editions: `brief status` lists each brief's editions, `brief diff` what a change does in each."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from briefkit.cli.main import main
from tests.conftest import FileTree, brief_yaml, site_config

AS_OF = "2026-12-01T00:00:00+00:00"
CONFIG = site_config("Site") + "      editions:\n        partners:\n          handling: TLP:GREEN\n"
TEARLINE = {"handling": "TLP:CLEAR", "title": "Released version", "summary": "What the public may know.", "body": "Released text.\n"}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=root, check=True, capture_output=True)


def test_status_lists_each_briefs_editions(build_file_tree: FileTree) -> None:
    build_file_tree(
        {
            "mkdocs.yml": CONFIG,
            "briefs/amber.yaml": brief_yaml(title="Amber brief", handling="TLP:AMBER", tearlines=[TEARLINE]),
            "briefs/green.yaml": brief_yaml(title="Green brief", handling="TLP:GREEN"),
            "briefs/red.yaml": brief_yaml(title="Red brief", handling="TLP:RED"),
        }
    )
    result = CliRunner().invoke(main, ["status", "--as-of", AS_OF, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = {b["slug"]: b for g in json.loads(result.stdout)["groups"] for b in g["briefs"]}
    assert rows["amber"]["editions"] == "public (as its TLP:CLEAR tearline), partners (as its TLP:CLEAR tearline)"
    assert rows["green"]["editions"] == "partners"
    assert rows["red"]["editions"] == "none"


def test_diff_says_where_a_brief_becomes_visible(build_file_tree: FileTree) -> None:
    root = build_file_tree({"mkdocs.yml": CONFIG, "briefs/amber.yaml": brief_yaml(title="Amber brief", handling="TLP:AMBER")})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    (root / "briefs/amber.yaml").write_text(brief_yaml(title="Amber brief", handling="TLP:AMBER", tearlines=[TEARLINE]))
    result = CliRunner().invoke(main, ["diff", "HEAD", "--as-of", AS_OF, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (change,) = json.loads(result.stdout)["briefs"]
    assert change["editions"] == [
        "becomes visible to public as its TLP:CLEAR tearline",
        "becomes visible to partners as its TLP:CLEAR tearline",
    ]
    # the public site does change: it shows the tearline at the brief's address
    assert change["public"] == {"before": False, "after": True}
    assert change["effects"][0] == "becomes public"
    text = CliRunner().invoke(main, ["diff", "HEAD", "--as-of", AS_OF], catch_exceptions=False).stdout
    assert "on merge: no change to the public site" not in text


def test_pdf_of_an_edition_names_it_on_every_page(build_file_tree: FileTree) -> None:
    config = (
        site_config("Site", pdf="true")
        + "      editions:\n        partners:\n          handling: TLP:GREEN\n          title: Partner edition\n"
    )
    root = build_file_tree({"mkdocs.yml": config, "briefs/green.yaml": brief_yaml(title="Green brief", handling="TLP:GREEN")})
    result = CliRunner().invoke(main, ["pdf", "green", "--edition", "partners", "--as-of", AS_OF, "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (path,) = (root / "build/editions/partners/pdf").rglob("*.pdf")
    for page in PdfReader(path).pages:
        text = page.extract_text()
        assert "Partner edition" in text and "TLP:GREEN" in text
    refused = CliRunner().invoke(main, ["pdf", "green", "--as-of", AS_OF], catch_exceptions=False)
    assert refused.exit_code == 2  # the public edition does not hold it

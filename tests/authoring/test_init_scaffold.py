"""`brief init`: a new site that checks clean, never overwrites, and ships in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefkit.authoring.scaffold import FILES
from briefkit.cli.main import main
from tests.conftest import REPO

EXPECTED = [
    ".github/workflows/briefs.yml",
    ".gitignore",
    "briefs/_authors.yml",
    "briefs/_tags.yml",
    "briefs/about/how-this-site-works.yaml",
    "mkdocs.yml",
    "requirements.txt",
    "schema/brief.schema.json",
    "templates/README.md",
    "templates/mkdocs/index.md",
]


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_init_writes_a_site_that_checks_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "gulf-brief"])
    assert result.exit_code == 0, result.output
    assert files_under(tmp_path / "gulf-brief") == EXPECTED
    assert (
        result.stderr.splitlines()[-1] == "new briefing site 'Gulf Brief' in gulf-brief: next, cd gulf-brief && brief check && brief build"
    )
    monkeypatch.chdir(tmp_path / "gulf-brief")
    check = CliRunner().invoke(main, ["check", "--strict"])
    assert check.exit_code == 0, check.output
    assert check.stdout == ""
    assert check.stderr.strip() == "1 file(s) checked: 0 error(s), 0 warning(s)"
    mkdocs = (tmp_path / "gulf-brief" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: Gulf Brief\n" in mkdocs and "  - briefkit:\n" in mkdocs
    assert (tmp_path / "gulf-brief" / ".gitignore").read_text(encoding="utf-8").splitlines()[1] == "build/"


def test_init_in_the_current_folder_with_a_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()  # an existing repository is fine: nothing clashes
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "--name", "Brief: the 'best'"])
    assert result.exit_code == 0, result.output
    assert "site_name: 'Brief: the ''best'''\n" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    from briefkit.config import load_config

    assert load_config(tmp_path).site_name == "Brief: the 'best'"


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    (site / "briefs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    (site / "briefs" / "_tags.yml").write_text("Mine: {}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "site"])
    assert result.exit_code == 1
    assert [line.strip() for line in result.stderr.splitlines()] == [
        "error: site already has mkdocs.yml, briefs/_tags.yml; nothing was written",
        "hint: brief init never overwrites files: choose an empty folder, or move these away first",
    ]
    assert files_under(site) == ["briefs/_tags.yml", "mkdocs.yml"]
    assert (site / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Mine\n"


def test_init_on_a_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "taken"])
    assert result.exit_code == 2  # click refuses a file where a folder is expected
    assert "Traceback" not in result.output


def test_scaffold_files_ship_in_the_wheel(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "--no-deps", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("briefkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"briefkit/scaffold_files/{name}" for name in FILES.values()} <= names

"""The package's shape (issue 9): imports run one way, with no cycle, and no module grows past about 400 lines.

The import rules are the contracts in pyproject.toml's ``[tool.importlinter]``,
checked by the real ``lint-imports``; a copy of the package with one rule
broken on purpose shows that the check can fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefkit"
MAX_LINES = 400


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).with_name("lint-imports")
    assert tool.is_file(), f"{tool} is missing: install the [test] extra (import-linter)"
    env = {**os.environ, "PYTHONPATH": str(cwd)}  # the package in cwd, not the installed one
    return subprocess.run([str(tool), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def broken_contracts(output: str) -> list[str]:
    """The names of the contracts lint-imports reports as broken, from its summary (names wrap over lines)."""
    summary = output.partition("dependencies.")[2].partition("Contracts: ")[0]
    text = " ".join(line.strip() for line in summary.splitlines() if line.strip().strip("-"))
    return [name.strip() for name, status in re.findall(r"(.+?) (KEPT|BROKEN)(?: \([^)]*\))?", text) if status == "BROKEN"]


def test_every_import_contract_is_kept() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0 and not broken_contracts(done.stdout), done.stdout + done.stderr
    assert "Contracts: 5 kept, 0 broken." in done.stdout, done.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("model.py", "from briefkit.config import Config\n", "The model imports nothing of ours"),
        ("source/schema.py", "def _late() -> None:\n    from briefkit.source import rules  # noqa\n", "No import cycles inside a package"),
        ("common/dates.py", "from briefkit.source import load\n", "Packages by stage import one way"),
        ("content/markup.py", "import weasyprint\n", "Rendering imports no engine"),
        ("pdf/books.py", "import mkdocs\n", "Print imports no MkDocs"),
    ],
)
def test_a_broken_rule_fails_the_check(tmp_path: Path, module: str, line: str, contract: str) -> None:
    """Each contract catches what it is for, in a copy of the package with one import added."""
    shutil.copytree(PACKAGE, tmp_path / "briefkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / "briefkit" / module).open("a", encoding="utf-8") as fh:
        fh.write("\n" + line)
    done = lint_imports(tmp_path)
    assert done.returncode != 0, done.stdout
    broken = broken_contracts(done.stdout)
    assert [name for name in broken if name.startswith(contract)], broken


def test_no_module_is_longer_than_about_400_lines() -> None:
    offenders = {
        path.relative_to(ROOT).as_posix(): count
        for path in sorted(PACKAGE.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not offenders, f"modules over {MAX_LINES} lines (split them along their seams): {offenders}"

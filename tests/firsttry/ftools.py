"""Helpers for the first-try tests (tests/firsttry): a scaffolded site, the CLI, and the JSON Schema validator."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from briefkit.cli import main

VENV_BIN = Path(sys.executable).parent


def brief(*args: str) -> Result:
    """The real ``brief`` command, in-process, in the current folder."""
    return CliRunner().invoke(main, list(args))


def new_site(folder: Path, name: str = "The Test Brief") -> Path:
    """``brief init --name NAME FOLDER``; fails the test on any error."""
    result = brief("init", "--name", name, str(folder))
    assert result.exit_code == 0, result.output
    return folder


def schema_accepts(schema: Path, *files: Path) -> dict[Path, bool]:
    """check-jsonschema's verdict on each file (the CI validator users run), one process per file."""
    verdicts = {}
    for path in files:
        proc = subprocess.run(
            [str(VENV_BIN / "check-jsonschema"), "--schemafile", str(schema), str(path)], capture_output=True, text=True, check=False
        )
        assert proc.returncode in (0, 1), proc.stdout + proc.stderr
        verdicts[path] = proc.returncode == 0
    return verdicts

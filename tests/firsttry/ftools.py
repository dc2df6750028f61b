"""Helpers for the first-try tests (tests/firsttry): a scaffolded site, the CLI, and the JSON Schema validator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from briefkit.cli.main import main

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
    """check-jsonschema's verdict on each file (the validator users run in CI), in one run."""
    proc = subprocess.run(
        [str(VENV_BIN / "check-jsonschema"), "-o", "json", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    failed = {Path(e["filename"]) for e in report.get("errors", []) + report.get("parse_errors", [])}
    assert failed <= set(files), failed
    return {path: path not in failed for path in files}

"""The benchmark runner's argument handling, measuring wrapper and report (no benchmark is run here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from benchmarks import run
from benchmarks.measure import measure
from tests.conftest import wait_until

REPO = Path(__file__).resolve().parents[2]


def test_steps_by_letter_and_name_in_run_order() -> None:
    assert run.parse_steps("g,a") == ["check", "site"]
    assert run.parse_steps("d") == ["pdf1", "pdf2", "weasyprint"]
    assert run.parse_steps("weasyprint, check") == ["check", "weasyprint"]
    assert run.parse_steps(None) == run.DEFAULT
    assert "full" not in run.DEFAULT  # the cold full build renders every book: opt-in


def test_steps_pull_in_what_they_need() -> None:
    assert run.parse_steps("b") == ["site", "mkdocs"]
    assert run.parse_steps("e") == ["site", "noop"]
    assert run.parse_steps("f,e") == ["site", "noop", "edit"]
    assert run.parse_steps("edit-pdf") == ["full", "edit-pdf"]


@pytest.mark.parametrize("bad", ["x", "a,zz", ",", "pdf3"])
def test_unknown_steps_are_a_usage_error(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run.parse_args(["--steps", bad])
    assert exc.value.code == 2
    assert "step" in capsys.readouterr().err


def test_sizes_sorted_and_checked(capsys: pytest.CaptureFixture[str]) -> None:
    args = run.parse_args(["--sizes", "10000", "200", "1000", "200", "--out", "x.md"])
    assert args.sizes == [200, 1000, 10000]
    assert args.out == Path("x.md")
    assert args.steps == run.DEFAULT
    with pytest.raises(SystemExit) as exc:
        run.parse_args(["--sizes", "0"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        run.parse_args(["--sizes", "many"])


def test_script_usage_error_exits_2() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--steps", "nope"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "unknown step 'nope'" in proc.stderr


def test_measure_reports_the_commands_own_memory_and_exit_code() -> None:
    code = "import sys; block = bytearray(80 * 2**20); block[::4096] = b'x' * len(block[::4096]); sys.exit(3)"
    result = measure([sys.executable, "-c", code])
    assert result["returncode"] == 3
    assert float(result["maxrss_mib"]) >= 80  # type: ignore[arg-type]
    assert float(result["wall"]) > 0  # type: ignore[arg-type]
    assert float(result["cpu"]) >= 0  # type: ignore[arg-type]


def test_measure_script_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "m.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "measure.py"), str(out), "--", sys.executable, "-c", "pass"], timeout=60
    )
    assert proc.returncode == 0
    data = json.loads(out.read_text())
    assert data["returncode"] == 0 and data["command"][-1] == "pass"


def _r(size: int, step: str, wall: float, rss: float = 100.0) -> run.Result:
    return run.Result(size, step, ["x"], wall=wall, cpu=wall, maxrss_mib=rss, tree_rss_mib=rss)


def test_targets_are_computed_from_the_results() -> None:
    results = [
        _r(1000, "site", 11.0), _r(1000, "mkdocs", 10.0), _r(1000, "blog", 50.0),
        _r(1000, "full", 100.0), _r(1000, "noop", 0.5), _r(1000, "edit", 1.2), _r(1000, "noop-pdf", 4.0), _r(1000, "edit-pdf", 12.0),
        _r(1000, "pdf1", 60.0), _r(1000, "pdf2", 33.0), _r(1000, "weasyprint", 58.0),
        _r(10000, "site", 130.0), _r(10000, "check", 4.0, rss=1600.0),
    ]  # fmt: skip
    checks = {(c.size, c.what.split(":")[0].split(" /")[0]): c for c in run.targets(results)}
    assert checks[("1000", "(a)/(b)")].met and checks[("1000", "(a)/(b)")].measured == "1.100 (CPU 1.100)"
    assert checks[("1000", "(a)/(c)")].met
    assert checks[("1000", "(e) no-op rebuild")].met  # 0.5 / 11
    assert not checks[("1000", "(f) one-brief rebuild")].met  # 1.2 / 11
    assert [c.met for c in run.targets(results) if c.what.startswith("(e) no-op rebuild / full")] == [True]  # 4 / 100
    assert [c.met for c in run.targets(results) if c.what.startswith("(f) one-brief rebuild / full")] == [False]  # 12 / 100
    assert checks[("1000", "(d) PDF pass --jobs 2")].met
    assert checks[("1000", "(d) briefkit PDF --jobs 1")].met
    assert checks[("10000", "(g) brief check")].met
    assert not checks[("10000", "peak RSS, every step (process tree)")].met
    assert not checks[("1000→10000", "site build time grows linearly")].met  # 130/11 > 11


def test_report_keeps_notes_around_the_generated_block(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    run.write_report(path, run.markdown([_r(200, "check", 0.5)], {"CPU": "test"}, ["--sizes", "200"]))
    text = path.read_text()
    assert text.startswith("# briefkit benchmarks") and "| 200 | (g) `brief check` | 0.50 |" in text
    path.write_text("# Title\n\nNotes before.\n\n" + text.split("\n", 2)[2] + "\nNotes after.\n")
    run.write_report(path, run.markdown([_r(200, "check", 0.7)], {"CPU": "test"}, ["--sizes", "200"]))
    text = path.read_text()
    assert "Notes before." in text and "Notes after." in text
    assert "0.70" in text and "0.50" not in text
    assert text.count(run.BEGIN) == 1


def running(script: Path) -> bool:
    """Some live process runs ``python script``."""
    return any(str(script) in (proc.info["cmdline"] or []) for proc in psutil.process_iter(["cmdline"]))


def test_a_step_past_its_timeout_is_stopped_with_its_children(tmp_path: Path) -> None:
    marker = tmp_path / "child-alive"
    child = tmp_path / "child.py"
    child.write_text(f"import time\ntime.sleep(3)\nopen({str(marker)!r}, 'w').close()\n")
    parent = tmp_path / "parent.py"
    parent.write_text(f"import subprocess, sys, time\nsubprocess.Popen([sys.executable, {str(child)!r}])\ntime.sleep(30)\n")
    result = run.run_measured(200, "blog", [sys.executable, str(parent)], tmp_path, tmp_path / "blog.log", timeout=1.0)
    assert result.timed_out and not result.ok and result.wall == 1.0
    # Unstopped, the grandchild would end by itself in 3 s, leaving the marker: wait for it to be gone, then look.
    wait_until(lambda: not running(child), 30, "the grandchild to end")
    assert not marker.exists()  # the grandchild was stopped too
    checks = run.targets([_r(200, "site", 0.2), result])
    assert [(c.measured, c.met) for c in checks if "blog stopped" in c.what] == [("< 0.200", True)]

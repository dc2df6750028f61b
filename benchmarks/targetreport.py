"""The Markdown section benchmarks/targets.py writes: issue 12's targets table, the steps, the machine, the commands."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks import corpus
from benchmarks.run import machine_info

if TYPE_CHECKING:
    from benchmarks.targets import Flags, Step

BEGIN = "<!-- BEGIN GENERATED: benchmarks/targets.py -->"
END = "<!-- END GENERATED: benchmarks/targets.py -->"
RSS_LIMIT_MIB = 1536
BRIEFKIT_STEPS = ("cold1", "noop", "edit", "cold2")
"""The steps whose process tree is briefkit's (the peak RSS target)."""
DESCRIPTIONS = {
    "cold1": "cold `brief build --no-pdf --jobs 1`",
    "noop": "no-op rebuild (same command, nothing changed)",
    "edit": "rebuild after one body edit (same command)",
    "mkdocs": "bare `mkdocs build -f build/mkdocs.yml` of the same docs",
    "cold2": "cold `brief build --no-pdf --jobs 2`",
    "hugo": "Hugo, cold, same public posts, minimal theme",
    "pelican": "Pelican, same public posts, `simple` theme (first round only)",
    "blog": "Material's blog plugin, same public posts (first round only)",
    "pdf1": "`brief pdf --jobs 1`, cold PDF cache",
    "pdf2": "`brief pdf --jobs 2`, cold PDF cache",
    "weasyprint": "bare WeasyPrint loop on the same print HTML",
}


@dataclass
class Run:
    sizes: list[int]
    reps: int
    pdf_briefs: int
    pdf_reps: int
    sites: dict[int, dict[str, Step]]
    pdfs: dict[str, Step]
    pdf_pass: dict[str, Any] | None
    info: dict[str, str]
    argv: Sequence[str]
    repo: Path
    work: Path
    profiles: dict[int, str] = field(default_factory=dict)
    """Size → Markdown summary of one cold build under cProfile (--profile)."""
    edit_profiles: dict[int, str] = field(default_factory=dict)
    """Size → the same for one rebuild after a body edit."""


@dataclass
class Row:
    measure: str
    target: str
    measured: str
    met: bool | None


# -- the machine -----------------------------------------------------------------------------------


def _hugo_version() -> str:
    from benchmarks.targets import hugo_binary

    hugo = hugo_binary()
    if not hugo:
        return "not installed"
    done = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False)
    words = done.stdout.split()  # hugo v0.168.0-<commit>+extended linux/amd64 ...
    return words[1].split("-")[0] if done.returncode == 0 and len(words) > 1 else "unknown"


def _pelican_version() -> str:
    from benchmarks.targets import pelican_binary

    pelican = pelican_binary()
    if not pelican:
        return "not installed"
    done = subprocess.run([pelican, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def machine(flags: Flags) -> dict[str, str]:
    """What is known before the run starts (the load average is read again at its end)."""
    base = machine_info()
    return {
        "CPU": base["CPU"],
        "nproc": str(os.cpu_count()),
        "RAM": base["RAM"],
        "OS": platform.platform(),
        "load average before (1, 5, 15 min)": _load(),
        "Python": platform.python_version(),
        "packages": base["packages"],
        "Hugo": _hugo_version(),
        "Pelican": _pelican_version(),
        "git commit": base["git commit"],
        "`brief build --jobs`": flags.jobs_help or "not available",
        "`brief build --scheduler`": "available" if flags.scheduler else "not available",
        "started": base["date"],
    }


def finish_machine(info: dict[str, str], seconds: float) -> dict[str, str]:
    return {**info, "load average after (1, 5, 15 min)": _load(), "run took": f"{seconds / 60:.1f} min"}


# -- the targets -----------------------------------------------------------------------------------


def _ratio(a: Step, b: Step, *, cpu: bool = True) -> tuple[float | None, str]:
    """median(a) / median(b) on wall time, with the CPU ratio beside it; or why there is none."""
    for s in (a, b):
        if s.unavailable:
            return None, s.unavailable
        if s.failed:
            return None, f"failed: {s.name}: {s.failed[0].note}"
        if not s.ok:
            return None, f"not run: {s.name}"
    wa, wb, ca, cb = a.median("wall"), b.median("wall"), a.median("cpu"), b.median("cpu")
    assert wa is not None and wb is not None and ca is not None and cb is not None
    if wb <= 0:
        return None, f"{b.name} took no time"
    value = wa / wb
    shown = f"{value:.3f} ({wa:.2f} s / {wb:.2f} s"
    shown += f"; CPU {ca / cb:.3f})" if cpu and cb > 0 else ")"
    return value, shown


def _row(rows: list[Row], measure: str, limit: float, got: tuple[float | None, str], *, note: str = "") -> None:
    value, shown = got
    rows.append(Row(measure, f"≤ {limit:g}{note}", shown, None if value is None else value <= limit))


def rows(run: Run) -> list[Row]:
    """One row per target of issue 12 (per size where the target names sizes)."""
    out: list[Row] = []
    for n in run.sizes:
        s = run.sites[n]
        big = n >= 10_000
        at = " (the 10k target)" if big else (" (the 1k target)" if n >= 1000 else " (the 1k target; N is smaller)")
        _row(out, f"N={n}: cold `brief build --no-pdf --jobs 1` / bare `mkdocs build`", 1.15, _ratio(s["cold1"], s["mkdocs"]))
        _row(out, f"N={n}: cold `--jobs 2` / bare `mkdocs build` (wall)", 0.7, _ratio(s["cold2"], s["mkdocs"]))
        _row(
            out,
            f"N={n}: rebuild after one body edit / cold build, site only",
            0.05 if big else 0.10,
            _ratio(s["edit"], s["cold1"]),
            note=at,
        )
        _row(out, f"N={n}: rebuild after one body edit (wall) / Hugo's cold build", 1.0, _ratio(s["edit"], s["hugo"], cpu=False))
        _row(out, f"N={n}: no-op rebuild / cold", 0.02 if big else 0.05, _ratio(s["noop"], s["cold1"]), note=at)
        peaks = [(p, name) for name in BRIEFKIT_STEPS if (p := s[name].peak_rss()) is not None]
        if peaks:
            peak, name = max(peaks)
            target = f"≤ 1.5 GiB{'' if big else ' (the 10k target)'}"
            out.append(Row(f"N={n}: peak RSS of the whole process tree", target, f"{peak:.0f} MiB ({name})", peak <= RSS_LIMIT_MIB))
    if run.pdfs:
        p = run.pdfs
        what = f"{run.pdf_briefs} briefs, {p['pdf1'].count} PDFs"
        _row(
            out,
            f"PDFs: `brief pdf --jobs 2` / `--jobs 1` ({what})",
            0.6,
            _ratio(p["pdf2"], p["pdf1"]),
            note="" if run.pdf_briefs == 200 else " (at 200)",
        )
        _row(out, f"PDFs: briefkit `--jobs 1` / bare WeasyPrint, same HTML ({what})", 1.05, _ratio(p["pdf1"], p["weasyprint"]))
    else:
        out.append(Row("PDFs: `--jobs 2` / `--jobs 1`; briefkit / bare WeasyPrint", "≤ 0.6; ≤ 1.05", "not run (--pdf-briefs 0)", None))
    out.append(pdf_pass_row(run.pdf_pass))
    return out


def pdf_pass_row(data: dict[str, Any] | None) -> Row:
    measure = "full PDF pass, shipped book defaults (benchmarks/pdfpass.py)"
    if not data:
        return Row(measure, "measured at 10,000", "not run here: `python benchmarks/pdfpass.py --briefs 10000` (hours)", None)
    r = data["result"]
    if r["returncode"] != 0:
        return Row(f"{measure}, {data['briefs']} briefs", "measured at 10,000", f"failed: {r.get('note', '')}", None)
    shown = f"{r['wall']:.0f} s wall, {r['cpu']:.0f} s CPU, {data['pdfs']} PDFs, {data['pdfs'] / r['wall']:.2f} PDFs/s, {r['tree_rss_mib']:.0f} MiB tree"
    jobs = "the shipped `pdf.jobs` (0: one per core)" if data["jobs"] == "default" else f"`--jobs {data['jobs']}`"
    return Row(f"{measure}, {data['briefs']} briefs, {jobs}", "measured at 10,000", shown, None)


# -- the section -----------------------------------------------------------------------------------


def _fmt(x: float | None) -> str:
    return "–" if x is None else (f"{x:.2f}" if x < 100 else f"{x:.0f}")


def _shown(command: Sequence[str], run: Run) -> str:
    text = " ".join(Path(c).name if i == 0 else c for i, c in enumerate(command))
    return text.replace(str(run.work), "$WORK").replace(str(run.repo) + "/", "")


def markdown(run: Run) -> str:
    lines = [BEGIN, "", "### Targets (issue 12)", ""]
    lines += [
        "Each ratio is median(A) / median(B) over the rounds of one run, A and B alternating; met or not is judged on wall",
        "time, with the CPU ratio (whole process tree) beside it.",
        "",
        "| measure | target | measured | met? |",
        "|:--|:--:|:--|:--:|",
    ]
    for r in rows(run):
        met = "–" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(f"| {r.measure} | {r.target} | {r.measured} | {met} |")
    lines += [
        "",
        "### Peers (no target; as in the issue's table)",
        "",
        "Cold `brief build --no-pdf --jobs 1` / the peer's cold build of the same public briefs (Pelican and the blog plugin: "
        "their one round against the median).",
        "",
        "| N | peer | briefkit / peer |",
        "|--:|:--|:--|",
    ]
    for n in run.sizes:
        for name in ("mkdocs", "hugo", "pelican", "blog"):
            lines.append(f"| {n} | {DESCRIPTIONS[name]} | {_ratio(run.sites[n]['cold1'], run.sites[n][name])[1]} |")
    lines += [
        "",
        "### Steps",
        "",
        "Medians over the rounds; CPU is user + system of the whole process tree; peak RSS is the largest sum over the",
        "process tree (sampled every 50 ms), over all rounds.",
        "",
        "| N | step | rounds | wall s | CPU s | peak RSS tree MiB | note |",
        "|--:|:--|--:|--:|--:|--:|:--|",
    ]
    groups = [(n, run.sites[n]) for n in run.sizes] + ([(run.pdf_briefs, run.pdfs)] if run.pdfs else [])
    for n, steps in groups:
        for step in steps.values():
            note = step.unavailable or "; ".join(f"round failed: {r.note}" for r in step.failed)
            if step.count:
                note = f"{step.count} PDFs" + (f"; {note}" if note else "")
            peak = step.peak_rss()
            lines.append(
                f"| {n} | {DESCRIPTIONS[step.name]} | {len(step.ok)}/{len(step.runs)} | {_fmt(step.median('wall'))} | "
                f"{_fmt(step.median('cpu'))} | {'–' if peak is None else f'{peak:.0f}'} | {note} |"
            )
    for what, profiles in (("a cold build's", run.profiles), ("an edit rebuild's", run.edit_profiles)):
        for n, text in profiles.items():
            lines += ["", f"### Where {what} time goes, N={n} (cProfile, untimed: read the shares)", "", text.rstrip("\n")]
    lines += ["", "### Machine", ""]
    lines += [f"- **{k}**: {v}" for k, v in run.info.items()]
    lines += [
        "",
        "### Commands",
        "",
        "```sh",
        "python benchmarks/targets.py " + " ".join(run.argv),
        "```",
        "",
        f"Every step ran as its own process under `benchmarks/measure.py` with `SOURCE_DATE_EPOCH={corpus.NOW_EPOCH}`",
        '(the corpus\'s "now"), cwd the corpus folder `$WORK/nN/site` (PDF steps: `$WORK/pdfK/site`), '
        f"`$WORK` being `{run.work.relative_to(run.repo) if run.work.is_relative_to(run.repo) else run.work}`. "
        "A cold step first removes everything in the corpus folder but `mkdocs.yml` and `briefs/`.",
        "",
    ]
    seen: set[str] = set()
    for _, steps in groups:
        for step in steps.values():
            if step.command and step.name not in seen:
                seen.add(step.name)
                lines.append(f"- `{step.name}`: `{_shown(step.command, run)}`")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def raw(run: Run) -> dict[str, Any]:
    def steps(group: dict[str, Step]) -> dict[str, Any]:
        return {
            name: {"unavailable": s.unavailable, "command": s.command, "count": s.count, "runs": [vars(r) for r in s.runs]}
            for name, s in group.items()
        }

    return {
        "machine": run.info,
        "argv": list(run.argv),
        "sites": {str(n): steps(g) for n, g in run.sites.items()},
        "pdfs": steps(run.pdfs),
        "targets": [vars(r) for r in rows(run)],
        "profiles": {str(n): text for n, text in run.profiles.items()},
        "edit_profiles": {str(n): text for n, text in run.edit_profiles.items()},
    }


def write_section(path: Path, text: str) -> None:
    """Replace this harness's generated section of ``path``, or append it; the rest of the file stays."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# briefkit benchmarks\n"
    if BEGIN in old and END in old.split(BEGIN, 1)[1]:
        head, rest = old.split(BEGIN, 1)
        new = head + text.rstrip("\n") + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)

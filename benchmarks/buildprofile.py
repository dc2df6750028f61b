"""Where a site build's time goes: one `brief build --no-pdf --jobs 1` under cProfile, summed by package.

    python -m benchmarks.buildprofile SITE_DIR OUT.prof         (a cold build; from the repo root; prints Markdown)
    python -m benchmarks.buildprofile --edit SITE_DIR OUT.prof  (a rebuild after one body edit of a built site)

benchmarks/targets.py --profile runs both once per size after its measured rounds (not timed: the
profiler slows Python code down, so read the shares, not the seconds).  Time is each function's own
time (``tottime``), attributed to the package its file belongs to.
"""

from __future__ import annotations

import pstats
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ENGINE = ("mkdocs", "material", "markdown", "pymdownx")
"""What a bare `mkdocs build` runs too."""
PACKAGES = ("briefkit", "mkdocs", "material", "markdown", "pymdownx", "jinja2", "markupsafe", "yaml", "nh3", "lxml", "pydantic")


def package(filename: str) -> str:
    """The package a profiled function belongs to, by its file path: C built-ins are ``(built-in)``, the rest ``(other)``."""
    if filename.startswith(("~", "<")):
        return "(built-in)"
    parts = Path(filename).parts
    for name in reversed(parts[:-1]):
        if name in PACKAGES:
            return name
    return "(stdlib)" if "site-packages" not in parts else "(other)"


def shares(rows: dict[Any, Any]) -> dict[str, float]:
    """Own time per package.  The standard library's and C built-ins' time goes to the packages that called them
    (html.parser under Python-Markdown counts as markdown), split by how much of it each caller caused."""
    memo: dict[Any, dict[str, float]] = {}
    busy: set[Any] = set()

    def owners(func: Any) -> dict[str, float]:
        key = package(func[0])
        if key not in ("(stdlib)", "(built-in)") or func not in rows:
            return {key: 1.0}
        if func in memo:
            return memo[func]
        if func in busy:  # recursion inside the standard library: keep it there
            return {key: 1.0}
        busy.add(func)
        callers = rows[func][4]
        weights = {caller: timing[3] for caller, timing in callers.items()}
        total = sum(weights.values())
        if not total:
            weights = {caller: float(timing[1]) for caller, timing in callers.items()}
            total = sum(weights.values())
        out: dict[str, float] = {}
        for caller, weight in weights.items():
            for name, part in owners(caller).items():
                out[name] = out.get(name, 0.0) + part * weight / total
        busy.discard(func)
        memo[func] = out or {key: 1.0}
        return memo[func]

    by_package: dict[str, float] = {}
    for func, (_cc, _nc, tt, _ct, _callers) in rows.items():
        for name, part in owners(func).items():
            by_package[name] = by_package.get(name, 0.0) + tt * part
    return by_package


STAGES = [
    ("load: read and validate the briefs", "briefkit/pipeline/loading.py", "load"),
    ("render: every page's Markdown, the feeds and cards", "briefkit/pipeline/rendering.py", "render"),
    ("&nbsp;&nbsp;of which share cards (Pillow)", "briefkit/web/cards.py", "render_cards"),
    ("&nbsp;&nbsp;of which body conversion (Python-Markdown)", "briefkit/content/markup.py", "html"),
    ("engine: MkDocs and Material", "briefkit/pipeline/engine.py", "engine"),
    ("leak gate: the output files scanned", "briefkit/editions/gate.py", "scan"),
    ("&nbsp;&nbsp;of which held text compared", "briefkit/editions/gate.py", "shared_phrases"),
    ("swap the site in", "briefkit/pipeline/publishing.py", "swap_in"),
]
"""A build's stages and the parts of them the targets turn on: (label, file, function), read as cumulative time."""


def stage_shares(rows: dict[Any, Any]) -> list[tuple[str, float]]:
    """Each stage's cumulative time as a share of the whole run (the longest cumulative time: the entry point)."""
    total = max((timing[3] for timing in rows.values()), default=0.0) or 1.0
    out = []
    for label, path, name in STAGES:
        spent = max((t[3] for (file, _, func), t in rows.items() if func == name and file.endswith(path)), default=None)
        if spent is not None:
            out.append((label, spent / total))
    return out


def summary(prof: Path, top: int = 15) -> str:
    stats = pstats.Stats(str(prof))
    rows = stats.stats  # type: ignore[attr-defined]
    by_package = shares(rows)
    total = sum(by_package.values()) or 1.0
    lines = ["| stage | share of the build (cumulative time) |", "|:--|--:|"]
    lines += [f"| {label} | {share:.1%} |" for label, share in stage_shares(rows)]
    lines += ["", "| package | share of own time (standard library and built-ins counted to their callers) |", "|:--|--:|"]
    for key, tt in sorted(by_package.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {key} | {tt / total:.1%} |")
    engine = sum(by_package.get(name, 0.0) for name in ENGINE)
    lines += [
        "",
        f"The engine ({', '.join(ENGINE)}) together: {engine / total:.1%}; briefkit: {by_package.get('briefkit', 0.0) / total:.1%}.",
    ]
    lines += ["", "| function (top by own time) | share |", "|:--|--:|"]
    ranked = sorted(rows.items(), key=lambda kv: -kv[1][2])[:top]
    for (filename, line, name), (_cc, _nc, tt, _ct, _callers) in ranked:
        where = "/".join(Path(filename).parts[-2:]) if not filename.startswith(("~", "<")) else filename
        lines.append(f"| `{name}` ({where}:{line}) | {tt / total:.1%} |")
    return "\n".join(lines) + "\n"


def _profiled(site: Path, prof: Path, env: dict[str, str], build_args: list[str] | None) -> str:
    from benchmarks.targets import tool

    brief = tool("brief")
    assert brief
    prof.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "cProfile", "-o", str(prof), brief, "build", *(build_args or ["--no-pdf"])]
    done = subprocess.run(command, cwd=site, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        return f"(the profiled build failed, exit {done.returncode}: {' / '.join(done.stderr.strip().splitlines()[-2:])[:300]})\n"
    return summary(prof)


def profile_cold(site: Path, prof: Path, env: dict[str, str], build_args: list[str] | None = None) -> str:
    """Clean ``site``, build it once under cProfile into ``prof``; the Markdown summary."""
    from benchmarks.targets import clean_corpus

    clean_corpus(site)
    return _profiled(site, prof, env, build_args)


def profile_edit(site: Path, prof: Path, env: dict[str, str], build_args: list[str] | None = None) -> str:
    """Append a sentence to one public brief of the built ``site`` (as the measured edit step does), rebuild under cProfile."""
    from benchmarks import corpus
    from benchmarks.targets import edit_one

    edit_one(site, corpus.briefs(100))  # the first public brief: the first K briefs of every corpus are the same
    return _profiled(site, prof, env, build_args)


def main(argv: list[str]) -> int:
    edit = argv[:1] == ["--edit"]
    argv = argv[1:] if edit else argv
    if len(argv) != 2:
        print("usage: python -m benchmarks.buildprofile [--edit] SITE_DIR OUT.prof", file=sys.stderr)
        return 2
    from benchmarks.run import step_env

    if not shutil.which("brief") and not (Path(sys.executable).parent / "brief").exists():
        print("buildprofile.py: 'brief' not found", file=sys.stderr)
        return 2
    profile = profile_edit if edit else profile_cold
    print(profile(Path(argv[0]), Path(argv[1]), step_env()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

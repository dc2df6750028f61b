"""Issue 12's targets harness (benchmarks/targets.py): at N = 5, one round, every step runs and the table has every row.

No timing is judged here: the figures are whatever this machine gives; the tests check that the harness measures
each step, that the peers (bare MkDocs, Hugo, bare WeasyPrint) built real output, and that the report is whole.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from benchmarks import targetreport, targets
from benchmarks.run import Result
from benchmarks.targets import Step

REPO = Path(__file__).resolve().parents[2]
ROWS = [
    "N=5: cold `brief build --no-pdf --jobs 1` / bare `mkdocs build`",
    "N=5: cold `--jobs 2` / bare `mkdocs build` (wall)",
    "N=5: rebuild after one body edit / cold build, site only",
    "N=5: rebuild after one body edit (wall) / Hugo's cold build",
    "N=5: no-op rebuild / cold",
    "N=5: peak RSS of the whole process tree",
    "PDFs: `brief pdf --jobs 2` / `--jobs 1` (2 briefs, ",
    "PDFs: briefkit `--jobs 1` / bare WeasyPrint, same HTML (2 briefs, ",
    "full PDF pass, shipped book defaults (benchmarks/pdfpass.py)",
]


def table(text: str, header: str) -> list[list[str]]:
    """The body rows of the Markdown table whose header line starts with ``header``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("targets")
    out = work / "RESULTS.md"
    out.write_text("# Benchmarks\n\nNotes that stay.\n", encoding="utf-8")
    # Pelican lives in a venv of its own (make .venv/.bench-deps; it pins Pygments below Material's floor): not here.
    argv = ["--sizes", "5", "--reps", "1", "--pdf-briefs", "2", "--pdf-reps", "1", "--peers", "blog", "--profile"]
    argv += ["--work", str(work), "--out", str(out)]
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "targets.py"), *argv], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return work


def test_every_step_ran_once_and_succeeded(tiny_run: Path) -> None:
    data = json.loads((tiny_run / "targets.json").read_text())
    site = data["sites"]["5"]
    assert list(site) == targets.SITE_STEPS
    assert list(data["pdfs"]) == targets.PDF_STEPS
    assert site["pelican"] == {"unavailable": "not run (--peers)", "command": [], "count": 0, "runs": []}
    for step in [*(s for name, s in site.items() if name != "pelican"), *data["pdfs"].values()]:
        assert step["unavailable"] == ""
        assert [(r["returncode"], r["timed_out"]) for r in step["runs"]] == [(0, False)]
        assert step["runs"][0]["wall"] > 0 and step["runs"][0]["tree_rss_mib"] > 0
    assert site["cold2"]["command"][-2:] == ["--jobs", "2"]
    assert data["pdfs"]["pdf1"]["count"] >= 1  # the brief's PDF, and the books that hold it


def test_the_table_has_every_target_row_with_a_figure(tiny_run: Path) -> None:
    text = (tiny_run / "RESULTS.md").read_text()
    assert text.startswith("# Benchmarks\n\nNotes that stay.\n")
    rows = table(text, "| measure | target | measured | met? |")
    assert len(rows) == len(ROWS)
    for (measure, _target, measured, met), expected in zip(rows, ROWS, strict=True):
        assert measure.startswith(expected)
        if not expected.startswith("full PDF pass"):
            assert measured[0].isdigit(), measured  # a figure, not "not available" or "failed"
            assert met in ("yes", "**no**")
    steps = table(text, "| N | step | rounds |")
    assert [row[2] for row in steps] == ["1/1"] * 6 + ["0/0"] + ["1/1"] * 4
    peers = {row[1].split(",")[0]: row[2] for row in table(text, "| N | peer |")}
    assert peers.pop("Pelican") == "not run (--peers)"
    assert len(peers) == 3 and all(value[0].isdigit() for value in peers.values()), peers
    cold, edit = text.split("### Where a cold build's time goes, N=5")[1].split("### Where an edit rebuild's time goes, N=5")
    for profile in (cold, edit):  # both profiled builds ran, and their shares add up
        shares = {row[0]: float(row[1].rstrip("%")) for row in table(profile, "| package | share of own time")}
        assert shares["briefkit"] > 0 and shares["jinja2"] > 0 and 95 < sum(shares.values()) < 105
        stages = {row[0]: float(row[1].rstrip("%")) for row in table(profile, "| stage | share of the build")}
        assert {"load: read and validate the briefs", "engine: MkDocs and Material"} <= set(stages)
        assert all(0 <= share <= 100 for share in stages.values()) and stages["render: every page's Markdown, the feeds and cards"] > 0
    for key in ("nproc", "CPU", "RAM", "load average before", "load average after", "Hugo", "git commit", "packages"):
        assert f"- **{key}" in text
    assert "python benchmarks/targets.py --sizes 5 --reps 1" in text


def test_bare_mkdocs_built_the_same_pages_as_briefkit(tiny_run: Path) -> None:
    ours = tiny_run / "n5" / "site" / "build" / "site"
    bare = tiny_run / "n5" / "bare-site"
    pages = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("index.html"))
    assert len(pages) > 5
    assert sorted(p.relative_to(bare).as_posix() for p in bare.rglob("index.html")) == pages


def test_hugo_built_a_page_per_public_brief(tiny_run: Path) -> None:
    from benchmarks import corpus

    made = [b for b in corpus.briefs(5) if b.public]
    posts = [p for p in (tiny_run / "n5" / "hugo-public" / "posts").glob("*/*/index.html") if p.parent.parent.name != "page"]
    titles = {lxml.html.parse(str(p)).findtext(".//article/h1") for p in posts}
    assert titles == {b.title for b in made}
    assert (tiny_run / "n5" / "hugo-public" / "tags" / "index.html").is_file()
    home = lxml.html.parse(str(tiny_run / "n5" / "hugo-public" / "index.html"))
    assert len(home.findall(".//ul[@class='cards']/li")) == len(made)
    assert home.find(".//script") is None


def _step(name: str, wall: float, *, size: int = 1000, rss: float = 100.0) -> Step:
    return Step(size, name, [Result(size, name, ["x"], wall=wall, cpu=wall, tree_rss_mib=rss)])


def _run(steps: dict[int, dict[str, Step]], pdfs: dict[str, Step] | None = None) -> targetreport.Run:
    return targetreport.Run(sorted(steps), 1, 200, 1, steps, pdfs or {}, None, {}, [], REPO, REPO / "build")


def test_targets_use_the_size_thresholds_and_medians() -> None:
    def site(size: int, rss: float) -> dict[str, Step]:
        s = {n: _step(n, w, size=size) for n, w in [("cold1", 100.0), ("noop", 3.0), ("edit", 8.0), ("mkdocs", 90.0), ("hugo", 10.0)]}
        s["cold1"].runs += [Result(size, "cold1", ["x"], wall=w, cpu=w, tree_rss_mib=rss) for w in (120.0, 60.0)]  # median 100
        s["cold2"] = Step(size, "cold2", unavailable="not available: no --jobs")
        return s

    got = {r.measure: r for r in targetreport.rows(_run({1000: site(1000, 900.0), 10000: site(10000, 1600.0)}))}
    assert got["N=1000: cold `brief build --no-pdf --jobs 1` / bare `mkdocs build`"].met is True  # 100 / 90
    assert got["N=1000: rebuild after one body edit / cold build, site only"].met is True  # 0.08 ≤ 0.10
    assert got["N=10000: rebuild after one body edit / cold build, site only"].met is False  # 0.08 > 0.05
    assert got["N=1000: no-op rebuild / cold"].met is True and got["N=10000: no-op rebuild / cold"].met is False  # 0.03
    assert got["N=1000: rebuild after one body edit (wall) / Hugo's cold build"].met is True  # 8 / 10
    cold2 = got["N=1000: cold `--jobs 2` / bare `mkdocs build` (wall)"]
    assert (cold2.measured, cold2.met) == ("not available: no --jobs", None)
    assert got["N=1000: peak RSS of the whole process tree"].met is True
    assert got["N=10000: peak RSS of the whole process tree"].measured == "1600 MiB (cold1)"
    assert got["N=10000: peak RSS of the whole process tree"].met is False


def test_a_failed_round_is_reported_not_hidden() -> None:
    pdfs = {n: _step(n, w, size=200) for n, w in [("pdf1", 10.0), ("pdf2", 5.0), ("weasyprint", 9.0)]}
    pdfs["pdf2"].runs.append(Result(200, "pdf2", ["x"], returncode=1, note="exit 1: boom"))
    got = {r.measure.split(" (")[0]: r for r in targetreport.rows(_run({}, pdfs))}
    assert got["PDFs: `brief pdf --jobs 2` / `--jobs 1`"].measured == "failed: pdf2: exit 1: boom"
    assert got["PDFs: `brief pdf --jobs 2` / `--jobs 1`"].met is None
    assert got["PDFs: briefkit `--jobs 1` / bare WeasyPrint, same HTML"].met is False  # 10 / 9 > 1.05


def test_report_writes_an_earlier_run_again_with_the_pdf_pass(tmp_path: Path) -> None:
    site = {n: _step(n, w) for n, w in [("cold1", 50.0), ("noop", 2.0), ("edit", 20.0), ("mkdocs", 16.0), ("cold2", 40.0), ("hugo", 2.0)]}
    site |= {n: Step(1000, n, unavailable="not run (--peers)") for n in targets.PEERS}
    pdfs = {n: _step(n, w, size=200) for n, w in [("pdf1", 10.0), ("pdf2", 6.0), ("weasyprint", 9.0)]}
    argv = ["--sizes", "1000", "--reps", "1", "--pdf-briefs", "200", "--pdf-reps", "1", "--work", str(tmp_path)]
    first = targetreport.Run([1000], 1, 200, 1, {1000: site}, pdfs, None, {"nproc": "2"}, argv, REPO, tmp_path, {1000: "| a | b |\n"})
    (tmp_path / "targets.json").write_text(json.dumps(targetreport.raw(first)), encoding="utf-8")
    pdf_pass = {"briefs": 10000, "jobs": "default", "pdfs": 8000, "result": {"wall": 4000.0, "cpu": 7900.0, "tree_rss_mib": 1200.0}}
    pdf_pass["result"] |= {"returncode": 0, "timed_out": False, "note": ""}
    (tmp_path / "pass.json").write_text(json.dumps(pdf_pass), encoding="utf-8")
    out = tmp_path / "RESULTS.md"
    assert targets.main(["--report", str(tmp_path / "targets.json"), "--pdf-pass", str(tmp_path / "pass.json"), "--out", str(out)]) == 0
    before, after = targetreport.markdown(first).splitlines(), out.read_text().removeprefix("# briefkit benchmarks\n\n").splitlines()
    # The same report as the run wrote, but for the full PDF pass's row, which now has its figures.
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert len(changed) == 1 and changed[0][0].startswith("| full PDF pass")
    cells = changed[0][1].strip("|").split(" | ")
    assert cells[0].endswith("10000 briefs, the shipped `pdf.jobs` (0: one per core)")
    assert cells[2].strip() == "4000 s wall, 7900 s CPU, 8000 PDFs, 2.00 PDFs/s, 1200 MiB tree"


def test_option_help_reads_clicks_wrapped_lines() -> None:
    text = "Options:\n  --jobsx N   no\n  -j, --jobs N  Worker\n                processes.\n  --clean     Rebuild.\n"
    assert targets.option_help(text, "--jobs") == "-j, --jobs N Worker processes."
    assert targets.option_help(text, "--scheduler") == ""


def test_the_section_replaces_itself_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("# Title\n\n<!-- BEGIN GENERATED: benchmarks/run.py -->\nold run\n<!-- END GENERATED -->\n\nNotes.\n")
    section = f"{targetreport.BEGIN}\none\n{targetreport.END}\n"
    targetreport.write_section(path, section)
    targetreport.write_section(path, section.replace("one", "two"))
    text = path.read_text()
    assert (
        text
        == f"# Title\n\n<!-- BEGIN GENERATED: benchmarks/run.py -->\nold run\n<!-- END GENERATED -->\n\nNotes.\n\n{targetreport.BEGIN}\ntwo\n{targetreport.END}\n"
    )


def test_pdf_pass_writes_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "pass.json"
    argv = ["--briefs", "2", "--jobs", "1", "--work", str(tmp_path), "--json", str(out)]
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "pdfpass.py"), *argv], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(out.read_text())
    assert data["briefs"] == 2 and data["jobs"] == 1 and data["pdfs"] >= 1
    assert data["result"]["returncode"] == 0 and data["result"]["tree_rss_mib"] > 0
    row = targetreport.pdf_pass_row(data)
    assert row.measure.endswith("2 briefs, `--jobs 1`") and "PDFs/s" in row.measured
    assert done.stdout.startswith("| full PDF pass")


def test_pelican_articles_carry_the_briefs_metadata(tmp_path: Path) -> None:
    from benchmarks import corpus, pelicansite

    corpus.generate(tmp_path / "site", 5)
    assert pelicansite.write_site(tmp_path / "site", tmp_path / "pelican") == 3
    articles = sorted((tmp_path / "pelican" / "content").rglob("*.md"))
    made = {b.slug: b for b in corpus.briefs(5) if b.public}
    assert {p.stem for p in articles} == set(made)
    for path in articles:
        head, _, body = path.read_text().partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        assert list(meta) == ["Title", "Date", "Slug", "Category", "Tags", "Summary"]
        assert meta["Slug"] == path.stem and meta["Title"] == made[path.stem].title
        assert body.strip()


def test_profile_counts_the_standard_library_to_its_callers() -> None:
    from benchmarks.buildprofile import package, shares

    lib = "/usr/lib/python3.11"
    site = f"{lib}/site-packages"
    md = (f"{site}/markdown/core.py", 1, "convert")
    bk = (f"{site}/briefkit/web/docs.py", 1, "render")
    parser = (f"{lib}/html/parser.py", 1, "goahead")
    regex = ("~", 0, "<method 'match' of 're.Pattern' objects>")
    rows = {
        md: (1, 1, 1.0, 4.0, {}),
        bk: (1, 1, 2.0, 4.0, {}),
        # html.parser: 3 s of its own, caused 2:1 by markdown and briefkit (by cumulative time per caller)
        parser: (3, 3, 3.0, 3.0, {md: (2, 2, 2.0, 2.0), bk: (1, 1, 1.0, 1.0)}),
        # a C method called only by html.parser: goes where html.parser's time goes
        regex: (6, 6, 0.6, 0.6, {parser: (6, 6, 0.6, 0.6)}),
    }
    assert [package(f[0]) for f in rows] == ["markdown", "briefkit", "(stdlib)", "(built-in)"]
    got = shares(rows)
    assert set(got) == {"markdown", "briefkit"}
    assert got["markdown"] == pytest.approx(1.0 + 2.0 + 0.4)
    assert got["briefkit"] == pytest.approx(2.0 + 1.0 + 0.2)


def test_a_broken_converter_costs_its_row_not_the_run(tmp_path: Path) -> None:
    why = targets.prepare("benchmarks.hugosite", tmp_path / "no-site", tmp_path / "out")
    assert why.startswith("not available: `python -m benchmarks.hugosite` failed (")
    steps = {n: _step(n, w, size=200) for n, w in [("pdf1", 10.0), ("pdf2", 5.0)]}
    steps["weasyprint"] = Step(200, "weasyprint", unavailable=why)
    got = [r for r in targetreport.rows(_run({}, steps)) if "WeasyPrint" in r.measure]
    assert [(r.measured, r.met) for r in got] == [(why, None)]


def test_stage_memory_names_each_stage_with_its_peak(tmp_path: Path) -> None:
    from benchmarks import corpus

    corpus.generate(tmp_path / "site", 5)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.stagememory", str(tmp_path / "site")], cwd=REPO, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {row[0]: row[1:] for row in table(done.stdout, "| stage | RSS when it starts")}
    assert {"load", "render", "engine (MkDocs)", "leak gate and edition", "swap in"} <= set(rows)
    for start, peak, seconds in rows.values():
        assert 0 < float(start) <= float(peak) and float(seconds) >= 0
    assert (tmp_path / "site" / "build" / "site" / "index.html").is_file()

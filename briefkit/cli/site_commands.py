"""brief check, build, serve and pdf: the site and its PDFs."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from briefkit.cli.app import AsOf, config_option, guarded, main, now_from, site_config
from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.errors import BriefkitError
from briefkit.pipeline import stages as pipeline


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--editions", is_flag=True, help="Also run the leak gate on the built output (build/site, build/editions/*/site).")
@config_option
@click.pass_obj
@guarded
def check(reporter: Reporter, paths: tuple[Path, ...], fmt: str, strict: bool, editions: bool, config_file: str | None) -> None:
    """Validate briefs (default: the briefs folder). Exit 1 on errors."""
    config = site_config(config_file)
    result = pipeline.check(config, list(paths))
    if editions:
        from briefkit.editions.outputcheck import check_outputs

        result.problems.extend(check_outputs(config, None if paths else result.corpus, now_from(None)))
    reporter.problems(result.problems, fmt)
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    if fmt == "text":
        summary = f"{result.files} file(s) checked: {errors} error(s), {warnings} warning(s)"
        (reporter.fail if errors else reporter.success)(summary)
    if errors or (strict and warnings):
        sys.exit(1)


@main.command()
@click.option(
    "--preview", is_flag=True, help="Include every brief, each non-public one with a banner saying why; writes build/preview/site."
)
@click.option("--as-of", type=AsOf(), default=None, help="Judge embargoes and expiry at this time (default: now, or SOURCE_DATE_EPOCH).")
@click.option("--no-pdf", is_flag=True, help="Skip the PDFs (and leave out the PDF links).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes for the site's pages and the PDFs (0 = one per core; default: pages here, PDFs per the pdf.jobs option).",
)
@click.option("--clean", is_flag=True, help="Rebuild everything, even when the site is up to date.")
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT",
    help="Render PDFs on this Dask scheduler's workers (default: the scheduler option; none: this machine). docs/scale.md",
)
@click.option(
    "--edition",
    default=None,
    metavar="NAME",
    help="Build this edition of mkdocs.yml into build/editions/NAME/site ('public': build/site), or 'all': every edition.",
)
@config_option
@click.pass_obj
@guarded
def build(
    reporter: Reporter,
    preview: bool,
    as_of: datetime | None,
    no_pdf: bool,
    jobs: int | None,
    clean: bool,
    scheduler: str | None,
    edition: str | None,
    config_file: str | None,
) -> None:
    """Build the website (and PDFs) into build/site. A failed build leaves the previous site untouched."""
    from briefkit.editions.model import chosen

    config = with_scheduler(site_config(config_file), scheduler)
    if preview and edition is not None:
        raise BriefkitError(
            "--preview and --edition do not go together", hint="a preview shows every brief; an edition only its own", exit_code=2
        )
    now = now_from(as_of)
    from briefkit.pipeline.executors import Serial, choose

    # Where the site's page shares run: a Dask cluster when a scheduler is set, else --jobs local processes.
    scheduled = config.options.scheduler
    with Serial() if jobs is None and not scheduled else choose(jobs or 0, scheduled) as executor:
        for one in [None] if preview else chosen(config, edition):
            pipeline.build(
                config,
                reporter,
                now=now,
                preview=preview,
                pdf=not no_pdf,
                jobs=config.options.pdf.jobs if jobs is None else jobs,
                clean=clean,
                edition=one,
                executor=executor,
            )


@main.command()
@click.option("--as-of", type=AsOf(), default=None, help="Judge embargoes and expiry at this time (default: the clock, at each rebuild).")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="HOST:PORT", help="Address to serve on.")
@click.option("--pdf/--no-pdf", default=False, show_default=True, help="Also render PDFs on each rebuild.")
@click.option("--edition", default=None, metavar="NAME", help="Serve this edition as it is built, instead of the preview.")
@config_option
@click.pass_obj
@guarded
def serve(reporter: Reporter, as_of: datetime | None, dev_addr: str, pdf: bool, edition: str | None, config_file: str | None) -> None:
    """Live preview of every brief (preview mode), rebuilt and reloaded when a brief, template or mkdocs.yml changes."""
    from briefkit.cli.serve import parse_address
    from briefkit.cli.serve import serve as run

    config = site_config(config_file)
    host, port = parse_address(dev_addr)
    run(config, reporter, host=host, port=port, now=lambda: now_from(as_of), pdf=pdf, edition=edition)


@main.command("pdf")
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Briefs with this tag (name or slug); repeatable.")
@click.option(
    "--section", "sections", multiple=True, metavar="SECTION", help="Briefs in this section, e.g. 'Energy / Gas markets'; repeatable."
)
@click.option(
    "--book",
    "books",
    multiple=True,
    metavar="NAME",
    help="A book: latest, section-<slug>, tag-<slug>, daily-YYYY-MM-DD, or 'all'; repeatable.",
)
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: build/pdf).")
@click.option(
    "--preview", is_flag=True, help="Include drafts, embargoed, expired and TLP-restricted briefs; unpublished ones are watermarked."
)
@click.option("--as-of", type=AsOf(), default=None, help="Judge embargoes and expiry at this time (default: now).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, help="Worker processes (default: pdf.jobs, else one per core).")
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT",
    help="Render PDFs on this Dask scheduler's workers (default: the scheduler option; none: this machine). docs/scale.md",
)
@click.option("--edition", default=None, metavar="NAME", help="Print what this edition holds (default output: build/editions/NAME/pdf).")
@click.option(
    "--recipient", default=None, metavar='"NAME, ORGANISATION"', help="A named copy (TLP:RED, AMBER+STRICT): the name on every page."
)
@config_option
@click.pass_obj
@guarded
def pdf_command(
    reporter: Reporter,
    slugs: tuple[str, ...],
    tags: tuple[str, ...],
    sections: tuple[str, ...],
    books: tuple[str, ...],
    output: Path | None,
    preview: bool,
    as_of: datetime | None,
    jobs: int | None,
    scheduler: str | None,
    edition: str | None,
    recipient: str | None,
    config_file: str | None,
) -> None:
    """Render PDF briefings: every brief and book, or the ones chosen."""
    from briefkit.common.diskerrors import disk_errors_explained
    from briefkit.common.paths import display_path
    from briefkit.pdf.select import choose
    from briefkit.pipeline.buildlock import build_lock
    from briefkit.pipeline.printing import print_pdfs

    config = with_scheduler(site_config(config_file), scheduler)
    one = None
    if edition is not None:
        from briefkit.editions.model import edition_named

        if preview:
            raise BriefkitError("--preview and --edition do not go together", exit_code=2)
        one = edition_named(config, edition)
    # As the site shows them: the public edition (tearline versions included), another edition, or every brief in a preview.
    loaded = pipeline.load(config, reporter, now=now_from(as_of), preview=preview, edition=one)
    from dataclasses import replace

    from briefkit.editions.recipients import printable

    # TLP:RED only as a named copy, never in a bulk print (docs/editions.md).
    bulk = bool(tags or sections or books)
    shown, named = printable(
        loaded.config, loaded.result.corpus, loaded.corpus, loaded.now, slugs=slugs, bulk=bulk, preview=preview, recipient=recipient
    )
    loaded = replace(loaded, corpus=shown)
    chosen = choose(loaded.config, loaded.result.corpus, loaded.corpus, loaded.now, slugs=slugs, tags=tags, sections=sections, books=books)
    out = output or (config.build_dir / "pdf" if one is None or one.public else one.root(config) / "pdf")
    with disk_errors_explained(), build_lock(config.build_dir, reporter):  # the PDF cache is shared with builds
        stats = print_pdfs(loaded, out, reporter, briefs=chosen.briefs, books=chosen.books, jobs=jobs or 0, recipient=named)
    where = display_path(out) if out.resolve().is_relative_to(Path.cwd().resolve()) else str(out.resolve())
    if not chosen.everything:
        for rel in stats.outputs:
            click.echo(f"{where}/{rel}")
    reporter.success(
        f"{len(stats.outputs)} PDF(s) in {where}: {stats.rendered} rendered ({stats.pages} pages), "
        f"{stats.cached} unchanged, in {stats.seconds:.1f} s"
    )


def with_scheduler(config: Config, scheduler: str | None) -> Config:
    """The config with ``--scheduler`` in place of the ``scheduler`` option (a usage error if it is no address)."""
    from briefkit.options import scheduler_problem

    if scheduler is None:
        return config
    if (problem := scheduler_problem(scheduler)) is not None:
        raise BriefkitError(f"--scheduler: {problem}", exit_code=2)
    return config.model_copy(update={"options": config.options.model_copy(update={"scheduler": scheduler.strip()})})

"""The ``brief`` command.  Parses arguments, calls the pipeline, prints.

Exit codes: 0 clean, 1 problems found, 2 usage.  No traceback reaches an
editor: unexpected errors print one line (set BRIEFKIT_DEBUG=1 for more).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from briefkit import __version__
from briefkit.common.report import Reporter
from briefkit.config import Config, load_config
from briefkit.errors import BriefkitError
from briefkit.pipeline import stages as pipeline

F = TypeVar("F", bound=Callable[..., Any])


def guarded(fn: F) -> F:
    """Turn BriefkitError into a message and an exit code, and anything else into one line."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        reporter: Reporter = click.get_current_context().obj or Reporter()
        try:
            return fn(*args, **kwargs)
        except BriefkitError as exc:
            if exc.problems:
                reporter.problems(exc.problems)
            reporter.fail(exc.message or str(exc), exc.hint)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            reporter.fail("interrupted")
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except Exception as exc:  # the last line of defence for editors
            if os.environ.get("BRIEFKIT_DEBUG"):
                raise
            reporter.fail(
                f"internal error: {type(exc).__name__}: {exc}", "this is a bug in briefkit; rerun with BRIEFKIT_DEBUG=1 and report it"
            )
            sys.exit(3)

    return wrapper  # type: ignore[return-value]


def now_from(as_of: datetime | None) -> datetime:
    """ "Now" for embargo and expiry: --as-of, else SOURCE_DATE_EPOCH, else the clock."""
    if as_of is not None:
        return as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


class AsOf(click.ParamType):  # type: ignore[type-arg]
    name = "DATETIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            self.fail(f"{value!r} is not an ISO date or datetime (e.g. 2026-11-25T09:00+00:00)", param, ctx)


def site_config(config_file: str | None) -> Config:
    if config_file:
        path = Path(config_file).resolve()
        return load_config(path.parent, path)
    return load_config(Path.cwd())


config_option = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False), default=None, help="The site's mkdocs.yml (default: ./mkdocs.yml)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefkit")
@click.option("-q", "--quiet", is_flag=True, help="Only print problems.")
@click.pass_context
def main(ctx: click.Context, quiet: bool) -> None:
    """briefkit: briefing documents from YAML to a website and PDFs."""
    ctx.obj = Reporter(quiet=quiet)


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
@click.argument("title")
@click.option("--section", "-s", required=True, help="Section path, e.g. 'Energy / Gas'.")
@click.option("--tag", "-t", "tags", multiple=True, required=True, help="A tag; repeat for more.")
@click.option("--slug", default=None, help="The file name, without .yaml (default: the title's first words).")
@config_option
@click.pass_obj
@guarded
def new(reporter: Reporter, title: str, section: str, tags: tuple[str, ...], slug: str | None, config_file: str | None) -> None:
    """Write a new draft brief that passes brief check. Never overwrites a file."""
    from briefkit.authoring.newbrief import new_brief
    from briefkit.common.paths import display_path

    config = site_config(config_file)
    path = new_brief(config, title, section, list(tags), now_from(None).astimezone(config.tz), slug=slug)
    from briefkit.authoring.newbrief import refresh_schema

    schema = refresh_schema(config)
    if schema is not None:
        reporter.info(f"wrote {display_path(schema)}, the schema editors check briefs against")
    reporter.success(f"created {display_path(path)}")
    click.echo(display_path(path))


@main.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--dry-run", is_flag=True, help="Check and report, write nothing.")
@click.option("--section", "-s", default=None, help="Section path for every imported brief, e.g. 'Energy / Gas'.")
@click.option("--status", type=click.Choice(["draft", "review"]), default="draft", show_default=True, help="Status of the imported briefs.")
@config_option
@click.pass_obj
@guarded
def import_command(
    reporter: Reporter, sources: tuple[str, ...], dry_run: bool, section: str | None, status: str, config_file: str | None
) -> None:
    """Make draft briefs from article text, Markdown posts, Atom/RSS feeds (file or URL) or .docx files.

    Never overwrites; prints a note for every guess, at the place in the SOURCE it came from.
    """
    from briefkit.common.paths import display_path
    from briefkit.importers.run import plan, write

    config = site_config(config_file)
    result = plan(config, sources, today=now_from(None).astimezone(config.tz).date(), section=section, status=status)
    if not dry_run:
        write(result)
    reporter.problems(result.problems)
    if result.errors:
        reporter.fail(f"{len(result.errors)} error(s): nothing written", "fix the sources (or the slugs they collide with) and run again")
        sys.exit(1)
    for item in result.planned:
        click.echo(("would write " if dry_run else "created ") + display_path(item.path))
    notes = len(result.problems) - len(result.errors)
    reporter.success(f"{len(result.planned)} brief(s) {'checked' if dry_run else 'written'}, {notes} note(s) to review")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file instead of stdout.")
@click.option("--write", is_flag=True, help="Refresh the site's schema/brief.schema.json, which the briefs' modelines point at.")
@config_option
@click.pass_obj
@guarded
def schema(reporter: Reporter, output: Path | None, write: bool, config_file: str | None) -> None:
    """Print the JSON Schema of the brief format (editors use it for completion and checking)."""
    from briefkit.source.schema import json_schema, schema_text

    if write:
        from briefkit.authoring.scaffold import write_schema
        from briefkit.common.paths import display_path

        path = write_schema(site_config(config_file).root)
        reporter.success(f"wrote {display_path(path)}")
        return
    text = schema_text(json_schema())
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--as-of", type=AsOf(), default=None, help="Judge embargoes and expiry at this time (default: now).")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal, unless NO_COLOR is set).")
@config_option
@click.pass_obj
@guarded
def diff(
    reporter: Reporter, base: str, head: str | None, fmt: str, as_of: datetime | None, color: bool | None, config_file: str | None
) -> None:
    """What changed in the briefs between BASE and HEAD (default: the working tree), and what it does to the public site.

    Exit 1 when a brief at HEAD does not validate (the report says why).
    """
    from briefkit.model import Tlp
    from briefkit.review import diff_format

    config = site_config(config_file)
    result = pipeline.diff(config, base, head, now_from(as_of))
    above = Tlp(config.options.review.redact_above)
    if fmt == "text":
        tty = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        shown = diff_format.render(result, fmt, redact_above=above, color=tty if color is None else color, tz=config.tz)
        click.echo(shown, nl=False, color=True)
    else:
        click.echo(diff_format.render(result, fmt, redact_above=above, tz=config.tz), nl=False)
    if result.invalid:
        sys.exit(1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--as-of", type=AsOf(), default=None, help="Judge embargoes and expiry at this time (default: now).")
@config_option
@click.pass_obj
@guarded
def status(reporter: Reporter, fmt: str, as_of: datetime | None, config_file: str | None) -> None:
    """The newsroom board: briefs by draft, in review, approved, scheduled, published, expired, restricted."""
    from briefkit.review import status as board

    config = site_config(config_file)
    result = pipeline.check(config)
    now = now_from(as_of)
    groups = board.board(config, result.corpus.briefs, now, reporter)
    invalid = len({p.path for p in result.errors})
    if invalid:
        reporter.warn(f"{invalid} file(s) have errors and are not on the board: run 'brief check'")
    shown = board.as_json(groups, now, problems=invalid) if fmt == "json" else board.text(groups, now, tz=config.tz, problems=invalid)
    click.echo(shown, nl=False)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--name", "site_name", default=None, help="The site's name, printed on every page and PDF (asked for on a terminal).")
@click.pass_obj
@guarded
def init(reporter: Reporter, folder: Path, site_name: str | None) -> None:
    """Start a new briefing site in FOLDER: config, an example brief, vocabularies, the editor schema and a CI workflow."""
    from briefkit.authoring.install_source import install_source
    from briefkit.authoring.scaffold import REQUIREMENTS, site_name_for
    from briefkit.authoring.scaffold import init as scaffold
    from briefkit.common.paths import display_path

    if site_name is None:
        guess = site_name_for(folder)
        site_name = click.prompt("Site name", default=guess) if sys.stdin.isatty() else guess
    if not site_name.strip():
        raise BriefkitError("the site name is empty", hint="give one with --name", exit_code=2)
    source = install_source()
    written = scaffold(folder, site_name.strip(), now_from(None).date(), source)
    for path in written:
        reporter.info(f"created {display_path(path)}")
    reporter.info(
        "mkdocs.yml sets default_handling: TLP:CLEAR, so briefs without a 'handling' label are public; remove it to require a label"
    )
    where = display_path(folder)
    if not source.reachable:
        reporter.warn(
            f"briefkit was installed from {source.origin}, which CI cannot reach: "
            f"put a source it can install from (e.g. briefkit @ git+https://HOST/OWNER/briefkit@COMMIT) in {where}/{REQUIREMENTS}; "
            "until then the workflow stops at its install step"
        )
    reporter.success(f"new briefing site '{site_name.strip()}' in {where}: next, cd {where} && brief check && brief build")


@main.command()
@click.option(
    "--preview", is_flag=True, help="Include every brief, each non-public one with a banner saying why; writes build/preview/site."
)
@click.option("--as-of", type=AsOf(), default=None, help="Judge embargoes and expiry at this time (default: now, or SOURCE_DATE_EPOCH).")
@click.option("--no-pdf", is_flag=True, help="Skip the PDFs (and leave out the PDF links).")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=0), default=None, help="PDF worker processes (default: the pdf.jobs option; 0 = one per core)."
)
@click.option("--clean", is_flag=True, help="Rebuild everything, even when the site is up to date.")
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
    edition: str | None,
    config_file: str | None,
) -> None:
    """Build the website (and PDFs) into build/site. A failed build leaves the previous site untouched."""
    from briefkit.editions.model import chosen

    config = site_config(config_file)
    if preview and edition is not None:
        raise BriefkitError(
            "--preview and --edition do not go together", hint="a preview shows every brief; an edition only its own", exit_code=2
        )
    now = now_from(as_of)
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

    config = site_config(config_file)
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


@main.group("export")
def export_group() -> None:
    """Briefs in formats other systems read."""


@export_group.command("stix")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: build/stix).")
@click.option("--as-of", type=AsOf(), default=None, help="Judge embargoes and expiry at this time (default: now, or SOURCE_DATE_EPOCH).")
@config_option
@click.pass_obj
@guarded
def export_stix(reporter: Reporter, output: Path | None, as_of: datetime | None, config_file: str | None) -> None:
    """STIX 2.1 bundles of the public briefs (TLP:CLEAR): bundle.json for the site, briefs/SLUG.json for each brief."""
    from briefkit.common.paths import display_path
    from briefkit.outbound.audience import PUBLIC
    from briefkit.outbound.stix import export, write

    config = site_config(config_file)
    now = now_from(as_of)
    corpus = pipeline.load_valid(config, reporter).corpus.public(now, config.tz)
    result = export(config, corpus, PUBLIC, now)
    out = output or config.build_dir / "stix"
    try:
        write(out, result)  # a brief no longer public loses its bundle file too
    except OSError as exc:
        raise BriefkitError(f"cannot write {exc.filename or out}: {exc.strerror or exc}") from None
    reporter.success(f"{result.reports} report(s) for {PUBLIC.ceiling.value} in {display_path(out)}")


@main.command()
@click.option("--day", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="DATE", help="The briefs of this day (default: today).")
@click.option(
    "--week",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    metavar="DATE",
    help="The briefs of the ISO week (Monday to Sunday) holding this date.",
)
@click.option("--tag", default=None, metavar="TAG", help="The latest briefs with this tag (name or slug).")
@click.option("--section", "-s", default=None, metavar="SECTION", help="The latest briefs in this section, e.g. 'Energy / Gas'.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the .eml file (default: build/digests).",
)
@click.option("--send", is_flag=True, help="Also deliver it through the SMTP server in digest.smtp, one copy per recipient.")
@click.option("--list", "list_name", default=None, metavar="NAME", help="Send to this list from digest.lists (default: digest.to).")
@click.option(
    "--recipients", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Send to the addresses in this file, one a line."
)
@click.option(
    "--as-of", type=AsOf(), default=None, help="Judge embargoes and date the message at this time (default: now, or SOURCE_DATE_EPOCH)."
)
@config_option
@click.pass_obj
@guarded
def digest(
    reporter: Reporter,
    day: datetime | None,
    week: datetime | None,
    tag: str | None,
    section: str | None,
    output: Path | None,
    send: bool,
    list_name: str | None,
    recipients: Path | None,
    as_of: datetime | None,
    config_file: str | None,
) -> None:
    """An email digest of the public briefs (TLP:CLEAR): HTML and plain text, written as an .eml file and, with --send, mailed."""
    from briefkit.common.fsio import atomic_write
    from briefkit.common.paths import display_path
    from briefkit.outbound import digest as digests
    from briefkit.outbound.audience import PUBLIC
    from briefkit.outbound.mail import compose, eml

    if sum(x is not None for x in (day, week, tag, section)) > 1:
        raise BriefkitError("choose one of --day, --week, --tag and --section", exit_code=2)
    if (list_name or recipients) and not send:
        raise BriefkitError("--list and --recipients choose who --send mails; add --send", exit_code=2)
    config = site_config(config_file)
    now = now_from(as_of)
    corpus = pipeline.load_valid(config, reporter).corpus.public(now, config.tz)
    to: tuple[str, ...] = ()
    if send:  # before anything is written: a wrong list or file is a usage error, not a half-done run
        from briefkit.outbound.recipients import recipients as resolve

        to = resolve(config, list_name, recipients)
    selection = digests.select(
        corpus,
        config.tz,
        now.astimezone(config.tz).date(),
        day=day.date() if day else None,
        week=week.date() if week else None,
        tag=tag,
        section=section,
        limit=config.options.feed_size,
    )
    if not selection.briefs:
        reporter.warn(f"no public briefs for '{selection.title}': no digest written or sent")
        return
    made = digests.render(config, selection, PUBLIC, now)
    message = compose(config, made, now)
    out = (output or config.build_dir / "digests") / f"{selection.key}.eml"
    try:
        atomic_write(out, eml(message))
    except OSError as exc:
        raise BriefkitError(f"cannot write {exc.filename or out}: {exc.strerror or exc}; nothing was sent") from None
    reporter.success(f"{len(selection.briefs)} brief(s), {made.label.value}: {display_path(out)}")
    if send:
        from briefkit.outbound.smtp import send as deliver

        results = deliver(config.options.digest.smtp, message, to)
        for result in results:
            (reporter.info if result.ok else reporter.warn)(f"{result.recipient}: {result.detail}")
        failed = sum(not r.ok for r in results)
        if failed:
            reporter.fail(f"{failed} of {len(results)} recipient(s) did not get the digest")
            sys.exit(1)
        reporter.success(f"sent to {len(results)} recipient(s)")


if __name__ == "__main__":  # pragma: no cover
    main()

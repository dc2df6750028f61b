"""brief new, import, schema and init: starting sites and briefs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefkit.cli.app import config_option, guarded, main, now_from, site_config
from briefkit.common.report import Reporter
from briefkit.errors import BriefkitError


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

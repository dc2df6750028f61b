"""brief diff and status: review in git."""

from __future__ import annotations

import os
import sys
from datetime import datetime

import click

from briefkit.cli.app import AsOf, config_option, guarded, main, now_from, site_config
from briefkit.common.report import Reporter
from briefkit.pipeline import stages as pipeline


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

"""The ``brief`` command group and what every command shares: the error guard, "now", the site config.

Exit codes: 0 clean, 1 problems found, 2 usage.  No traceback reaches an
editor: unexpected errors print one line (set BRIEFKIT_DEBUG=1 for more).
The commands live in the modules named for what they do; :mod:`briefkit.cli.main`
loads them all.
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

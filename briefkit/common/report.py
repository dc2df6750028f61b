"""The reporter: the one way briefkit talks to a person.

Messages go to stderr so that ``--format json`` output on stdout stays
clean.  Colour and progress bars appear only on a TTY and never when
``NO_COLOR`` is set.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from briefkit.common.terminal import safe as terminal_safe
from briefkit.errors import Problem

T = TypeVar("T")


class Reporter:
    def __init__(self, *, quiet: bool = False, stream: object | None = None) -> None:
        err = stream or sys.stderr
        tty = hasattr(err, "isatty") and err.isatty()  # type: ignore[union-attr]
        color = tty and "NO_COLOR" not in os.environ
        self.console = Console(file=err, force_terminal=tty, no_color=not color, highlight=False, soft_wrap=True)  # type: ignore[arg-type]
        self.out = Console(
            file=sys.stdout, no_color=not (sys.stdout.isatty() and "NO_COLOR" not in os.environ), highlight=False, soft_wrap=True
        )
        self.interactive = tty
        self.quiet = quiet

    def info(self, message: str) -> None:
        if not self.quiet:
            self.console.print(terminal_safe(message), markup=False)

    def note(self, message: str) -> None:
        if not self.quiet:
            self.console.print(f"[dim]{_escape(message)}[/dim]")

    def success(self, message: str) -> None:
        if not self.quiet:
            self.console.print(f"[green]{_escape(message)}[/green]")

    def warn(self, message: str) -> None:
        self.console.print(f"[yellow]warning:[/yellow] {_escape(message)}")

    def fail(self, message: str, hint: str = "") -> None:
        self.console.print(f"[bold red]error:[/bold red] {_escape(message)}")
        if hint:
            self.console.print(f"  [dim]hint:[/dim] {_escape(hint)}")

    def problems(self, problems: Sequence[Problem], fmt: str = "text") -> None:
        """Print problems in one of the formats ``brief check`` offers (stdout)."""
        if fmt == "json":
            print(json.dumps([p.as_dict() for p in problems], indent=2))
        elif fmt == "github":
            for p in problems:
                level = "error" if p.is_error else "warning"
                msg = f"{p.message} [{p.code}]" + (f" (hint: {p.hint})" if p.hint else "")
                where = f"file={_gh_escape(terminal_safe(p.path))},line={max(p.line, 1)},col={max(p.col, 1)}"
                print(f"::{level} {where},title={p.code}::{_gh_escape(terminal_safe(msg))}")
        else:
            for p in problems:
                colour = "red" if p.is_error else "yellow"
                head = f"{_escape(p.path)}:{p.line}:{p.col}: [{colour}]{p.severity.value}[/{colour}]: {_escape(p.message)} [dim]\\[{p.code}][/dim]"
                self.out.print(head)
                if p.hint:
                    self.out.print(f"    [dim]hint:[/dim] {_escape(p.hint)}")

    def progress(self, items: Iterable[T], total: int, label: str) -> Iterator[T]:
        """Yield ``items`` with a progress bar on a TTY, silently otherwise."""
        if not self.interactive or self.quiet or total < 2:
            yield from items
            return
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        ) as bar:
            task = bar.add_task(label, total=total)
            for item in items:
                yield item
                bar.advance(task)


def _escape(text: str) -> str:
    """Inert for rich's markup and for the terminal: user text reaches messages (titles, keys, file names)."""
    from rich.markup import escape

    return escape(terminal_safe(text))


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

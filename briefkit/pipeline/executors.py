"""Where a build's independent tasks run: here, in local worker processes, or (``pipeline.dask_executor``) on a cluster.

A stage hands an :class:`Executor` a top-level function and a list of
plain, picklable task values and gets the results back in task order.  It
never starts processes itself; the executor is chosen once, by
:func:`choose`, and used as a context manager so that nothing it started
outlives the build:

* :class:`Serial` runs each task in this process;
* :class:`Processes` runs them in N worker processes that ignore SIGINT and
  die with their parent (``PR_SET_PDEATHSIG``).  A worker that dies (killed,
  out of memory) fails the build with a :class:`BriefkitError`; on leaving
  the block, on success, error or Ctrl-C, every worker is killed and reaped.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from briefkit.errors import BriefkitError, Problem

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Runs ``fn`` over tasks; results in task order; a failed or lost worker raises :class:`BriefkitError`."""

    def map(self, fn: Callable[[T], R], tasks: Sequence[T]) -> list[R]: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None: ...


class Serial:
    """Every task in this process, one after another."""

    workers = 1

    def map(self, fn: Callable[[T], R], tasks: Sequence[T]) -> list[R]:
        return [fn(task) for task in tasks]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        return None


def _worker(conn: Connection) -> None:
    """A worker's loop: (fn, task) in, ("ok", result) or ("error", failure) out, until the pipe closes or says None."""
    from briefkit.pdf.workers import _die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it kills us
    _die_with_parent()
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        fn, task = item
        try:
            reply: tuple[str, Any] = ("ok", fn(task))
        except BriefkitError as exc:
            reply = ("error", (str(exc), list(exc.problems), exc.hint))
        except BaseException as exc:  # reported by the parent, with the worker's traceback when debugging
            detail = traceback.format_exc() if os.environ.get("BRIEFKIT_DEBUG") else ""
            reply = ("error", (f"an engine worker failed: {type(exc).__name__}: {exc}", [], detail))
        conn.send(reply)


class Processes:
    """Tasks in up to ``workers`` local processes (fork where available: the libraries are imported already)."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self._context = multiprocessing.get_context(method)
        self._running: list[tuple[Any, Connection]] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._stop(graceful=kind is None)

    def _start(self, count: int) -> None:
        while len(self._running) < count:
            parent, child = self._context.Pipe()
            process = self._context.Process(target=_worker, args=(child,), name="briefkit-engine", daemon=True)  # type: ignore[attr-defined]
            process.start()
            child.close()
            self._running.append((process, parent))

    def _stop(self, *, graceful: bool) -> None:
        running, self._running = self._running, []
        for _process, conn in running:
            if graceful:
                try:
                    conn.send(None)
                except OSError:
                    pass
            conn.close()
        for process, _conn in running:
            process.join(timeout=5 if graceful else 0)
            if process.is_alive():
                process.kill()
            process.join()

    def map(self, fn: Callable[[T], R], tasks: Sequence[T]) -> list[R]:
        if not tasks:
            return []
        self._start(min(self.workers, len(tasks)))
        pending = deque(enumerate(tasks))
        results: dict[int, R] = {}
        busy: dict[int, int] = {}  # worker index -> task index
        try:
            while len(results) < len(tasks):
                for index, (_process, conn) in enumerate(self._running):
                    if index not in busy and pending:
                        number, task = pending.popleft()
                        conn.send((fn, task))
                        busy[index] = number
                ready = wait([conn for _p, conn in self._running] + [p.sentinel for p, _c in self._running])
                for index, (process, conn) in enumerate(self._running):
                    if conn in ready and index in busy:
                        try:
                            kind, value = conn.recv()
                        except (EOFError, OSError):
                            raise self._lost(process) from None
                        if kind == "error":
                            message, problems, hint = value
                            raise BriefkitError(message, problems=[p for p in problems if isinstance(p, Problem)], hint=hint)
                        results[busy.pop(index)] = value
                    elif process.sentinel in ready and not conn.poll():
                        raise self._lost(process)
        except BaseException:
            self._stop(graceful=False)  # a lost worker, an error or Ctrl-C: nothing is left running
            raise
        return [results[i] for i in range(len(tasks))]

    @staticmethod
    def _lost(process: Any) -> BriefkitError:
        process.join(timeout=1)
        code = process.exitcode
        how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
        return BriefkitError(
            f"an engine worker process {how}; the site was not changed",
            hint="a worker killed from outside or out of memory: run again, or with fewer --jobs",
        )


def choose(jobs: int, scheduler: str | None = None) -> Executor:
    """The one place a build picks where its tasks run.

    A Dask scheduler's workers when ``scheduler`` is set (``--scheduler`` or the
    ``scheduler`` option); else ``jobs`` local workers (0: one per core), or this
    process for 1.
    """
    if scheduler:
        from briefkit.pipeline.dask_executor import OnDemand

        return OnDemand(scheduler)
    count = jobs or os.cpu_count() or 1
    return Serial() if count <= 1 else Processes(count)

"""Running a build's independent tasks on a Dask cluster (``brief build --scheduler tcp://HOST:8786``).

:class:`DaskExecutor` has the shape of every executor of the pipeline
(``map(fn, tasks) -> results in task order``): the driver sends each task's
inputs to the cluster and gets bytes back; whatever it writes, it writes
itself, through the output registry and the caches, as a local build does.
A cluster is an existing engine (``dask.distributed``), not home-made RPC.

Every worker must run the same versions of briefkit and of the libraries
whose versions shape the output (:data:`SHAPING`): the driver asks every
worker when it connects, and each task checks again on its worker, so a
worker that joins later with another version is refused too.  Otherwise its
bytes would be stored under keys that promise this version's output.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from typing import Any, TypeVar

from briefkit.common.report import Reporter
from briefkit.content.keys import versions
from briefkit.errors import BriefkitError
from briefkit.pdf.cache import PRINT_ENGINES
from briefkit.pipeline.manifest import WEB_ENGINES

T = TypeVar("T")
R = TypeVar("R")

# The print and web engines' lists, not a copy of them: a library added there (pycountry for maps, Pillow for
# cards) must match on every worker too. Pagefind runs on the driver only, after the workers are done.
SHAPING = tuple(dict.fromkeys(n for n in (*PRINT_ENGINES, *WEB_ENGINES) if not n.startswith("pagefind")))
"""Distributions whose versions shape what a task returns (with briefkit's own): they must match on every worker."""

CONNECT_SECONDS = 10.0
"""How long to try to reach the scheduler before giving up."""
WORKER_SECONDS = 60.0
"""How long to wait for at least one worker to join the scheduler."""

_HINT = (
    "start a scheduler with 'dask scheduler' and workers with 'dask worker tcp://HOST:8786' (docs/scale.md), "
    "check the address (--scheduler, or 'scheduler:' in mkdocs.yml), or leave the option out to build on this machine"
)


class VersionMismatch(RuntimeError):
    """Raised on a worker whose versions differ from the driver's."""


def local_versions() -> dict[str, str]:
    """briefkit's version and those of :data:`SHAPING`, as installed here ('' when not installed)."""
    return versions(*SHAPING)


@functools.cache
def _worker_versions() -> dict[str, str]:
    return local_versions()


def _checked(fn: Callable[[T], R], expected: dict[str, str], task: T) -> R:
    """Runs on a worker: refuse to run ``fn`` there unless its versions are the driver's."""
    found = _worker_versions()
    if found != expected:
        raise VersionMismatch(_difference(expected, found))
    return fn(task)


def _difference(expected: dict[str, str], found: dict[str, str]) -> str:
    names = sorted(n for n in {*expected, *found} if expected.get(n) != found.get(n))
    return ", ".join(f"{n} {found.get(n) or 'missing'} (this machine: {expected.get(n) or 'missing'})" for n in names)


class DaskExecutor:
    """Maps tasks over a Dask cluster; use as a context manager (connects on enter, disconnects on exit)."""

    def __init__(self, address: str, *, connect_seconds: float = CONNECT_SECONDS, worker_seconds: float = WORKER_SECONDS) -> None:
        self.address = address
        self.connect_seconds = connect_seconds
        self.worker_seconds = worker_seconds
        self.expected = local_versions()
        self._client: Any = None

    def __enter__(self) -> DaskExecutor:
        try:
            from distributed import Client
        except ImportError:
            raise BriefkitError(
                "the Dask scheduler option needs the 'distributed' package",
                hint="install it on this machine and on every worker: pip install 'dask[distributed]'",
            ) from None
        try:
            self._client = Client(self.address, timeout=self.connect_seconds, set_as_default=False)  # type: ignore[no-untyped-call]
        except Exception as exc:  # refused, timed out, a TLS address without certificates: all mean "not reached"
            raise BriefkitError(f"could not reach the Dask scheduler at {self.address}: {_reason(exc)}", hint=_HINT) from None
        try:
            self._check_workers()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def workers(self) -> int:
        """How many tasks the cluster runs at once (its worker threads): page shares are cut to this number."""
        if self._client is None:
            return 1
        info: dict[str, Any] = self._client.scheduler_info()
        return max(1, sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values()))

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def _check_workers(self) -> None:
        try:
            self._client.wait_for_workers(1, timeout=self.worker_seconds)
        except (OSError, TimeoutError) as exc:
            raise BriefkitError(
                f"no Dask worker joined the scheduler at {self.address} within {self.worker_seconds:g} s ({_reason(exc)})",
                hint="start workers with 'dask worker tcp://HOST:8786' on each machine (docs/scale.md)",
            ) from None
        try:
            found: dict[str, dict[str, str]] = self._client.run(local_versions)
        except Exception as exc:  # a worker without briefkit cannot even unpickle the probe
            raise BriefkitError(
                f"a Dask worker at {self.address} could not report its briefkit version: {_reason(exc)}",
                hint="install the same briefkit (and its libraries) on every worker, e.g. from the same lock file, and restart them",
            ) from None
        wrong = {worker: v for worker, v in found.items() if v != self.expected}
        if wrong:
            lines = "; ".join(f"{worker}: {_difference(self.expected, v)}" for worker, v in sorted(wrong.items()))
            raise BriefkitError(
                f"{len(wrong)} Dask worker(s) run other versions than this machine, so their output would not match: {lines}",
                hint="install the same briefkit (and its libraries) on every worker, e.g. from the same lock file, and restart them",
            )

    def map(self, fn: Callable[[T], R], tasks: Sequence[T]) -> list[R]:
        """``fn(task)`` for every task on the cluster; results in task order.  Any failure is a BriefkitError."""
        if not tasks:
            return []
        if self._client is None:
            raise BriefkitError("the Dask executor is not connected (use it in a 'with' block)")
        checked = functools.partial(_checked, fn, self.expected)
        futures = self._client.map(checked, list(tasks), pure=False)
        try:
            results: list[R] = self._client.gather(futures)
        except VersionMismatch as exc:
            raise BriefkitError(
                f"a Dask worker runs other versions than this machine: {exc}",
                hint="install the same briefkit (and its libraries) on every worker and restart them",
            ) from None
        except Exception as exc:  # a task raised, or a worker died with it: name the task
            index = next((i for i, f in enumerate(futures) if f.status == "error"), None)
            which = f"task {index + 1} of {len(tasks)}" if index is not None else "a task"
            raise BriefkitError(
                f"{which} failed on the Dask cluster at {self.address}: {_reason(exc)}",
                hint="the worker's log (the output of 'dask worker') has the traceback",
            ) from None
        finally:
            self._client.cancel(futures)
        return results


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class OnDemand:
    """A :class:`DaskExecutor` that connects on first use and closes on exit.

    A build whose pages and PDFs all come from the caches never contacts the
    cluster (a scheduler that is down does not stop it). ``workers`` is first
    use too: a build asks it only when it has pages to share out.
    """

    def __init__(self, address: str, reporter: Reporter | None = None) -> None:
        self.address = address
        self.reporter = reporter
        self._stack = ExitStack()
        self._executor: DaskExecutor | None = None

    def __enter__(self) -> OnDemand:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def _connected(self) -> DaskExecutor:
        if self._executor is None:
            self._executor = self._stack.enter_context(DaskExecutor(self.address))
            if self.reporter is not None:
                self.reporter.note(f"connected to the Dask scheduler at {self.address}")
        return self._executor

    @property
    def workers(self) -> int:
        return self._connected().workers

    def map(self, fn: Callable[[T], R], tasks: Sequence[T]) -> list[R]:
        return self._connected().map(fn, tasks) if tasks else []

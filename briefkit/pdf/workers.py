"""Worker processes for PDF renders: every render is killable, bounded, and leaves nothing behind.

WeasyPrint can be made to work for ever (an SVG whose ``<use>`` elements
multiply, an enormous table) and cannot be interrupted from inside, so each
render runs in a worker process, even with one job:

* a render that runs past ``pdf.render_timeout`` seconds is killed with
  its worker, reported as a problem naming the brief or book, and the
  other renders go on in a fresh worker;
* each worker's address space is capped at ``pdf.render_memory`` MiB
  (``RLIMIT_AS``): an allocation past it fails in that worker only, and
  the render is reported the same way;
* workers ignore SIGINT, die with their parent (``PR_SET_PDEATHSIG``, and
  end when their pipe closes), and the pool kills and reaps every worker
  when it is left, on success, error or Ctrl-C.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any

from briefkit.pdf.render import Job, Outcome, Renderer, RenderSettings

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    seconds: float
    """Wall-clock time one render may take."""
    memory: int
    """Bytes of address space a worker may use; 0 for no cap."""


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the process that started it dies, even by SIGKILL."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the closed pipe still ends an idle worker


def _cap_memory(memory: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time limit still applies
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ValueError, OSError):
        pass  # a platform that refuses RLIMIT_AS (macOS may): the time limit still applies


def _worker_main(conn: Connection, settings: RenderSettings, memory: int, parent: int) -> None:
    # Ctrl-C goes to the whole process group; only the parent decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before prctl took effect
        return
    if memory > 0:
        _cap_memory(memory)
    renderer = Renderer(settings)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        outcome = renderer.render(job)
        conn.send(outcome)
        if outcome.error.startswith("MemoryError"):
            return  # a failed allocation may have left the process in a poor state


class _Worker:
    def __init__(self, context: BaseContext, settings: RenderSettings, limits: Limits) -> None:
        self.conn, child = context.Pipe()
        self.process: Any = context.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, settings, limits.memory, os.getpid()), daemon=True, name="briefkit-pdf"
        )
        self.process.start()
        child.close()
        self.ready = False
        self.job: Job | None = None
        self.started = 0.0

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()
        self.process.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(2)
        self.kill()


def _failed(job: Job, message: str) -> Outcome:
    return Outcome(job.output, ok=False, error=message)


class WorkerPool:
    """Renders jobs in ``processes`` worker processes with per-render limits; use as a context manager."""

    def __init__(self, settings: RenderSettings, processes: int, limits: Limits) -> None:
        self.settings = settings
        self.processes = max(1, processes)
        self.limits = limits
        # spawn: a clean interpreter, whatever threads the parent runs (the progress bar).
        # fork only when the settings can't be sent (a Markdown extension configured with a lambda).
        self._context = multiprocessing.get_context("spawn" if _picklable(settings) else "fork")
        self._workers: list[_Worker] = []
        self._tracker_ours = not _tracker_running()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker and reap it; nothing outlives the pool."""
        workers, self._workers = self._workers, []
        for w in workers:
            if w.job is None and w.ready:
                w.stop()
            else:
                w.kill()
        if self._tracker_ours:
            _stop_tracker()

    def run(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        """Outcomes in the order renders finish; a render over a limit is an outcome too, never an exception."""
        pending = deque(jobs)
        while pending or any(w.job is not None for w in self._workers):
            while len(self._workers) < min(self.processes, len(pending) + self._busy()):
                self._workers.append(_Worker(self._context, self.settings, self.limits))
            for w in self._workers:
                if w.ready and w.job is None and pending:
                    self._assign(w, pending.popleft())
            yield from self._collect(pending)

    def _busy(self) -> int:
        return sum(1 for w in self._workers if w.job is not None)

    def _assign(self, worker: _Worker, job: Job) -> None:
        worker.job, worker.started = job, time.monotonic()
        try:
            worker.conn.send(job)
        except OSError:
            pass  # it died; its sentinel says so below

    def _collect(self, pending: deque[Job]) -> Iterator[Outcome]:
        now = time.monotonic()
        deadlines = [w.started + self.limits.seconds for w in self._workers if w.job is not None]
        timeout = max(0.0, min(deadlines) - now) if deadlines else None
        waitables: list[Any] = [w.conn for w in self._workers] + [w.process.sentinel for w in self._workers]
        ready = set(wait(waitables, timeout))
        now = time.monotonic()
        for w in list(self._workers):
            message = None
            if w.conn in ready:
                try:
                    received = w.conn.recv()
                except (EOFError, OSError):
                    received = None
                if received == "ready":
                    w.ready = True
                    continue
                if isinstance(received, Outcome) and w.job is not None:
                    w.job = None
                    if received.error.startswith("MemoryError"):
                        received.error = self._memory_message()
                        self._retire(w)
                    yield received
                    continue
                message = self._death_message(w)
            elif w.process.sentinel in ready:
                message = self._death_message(w)
            elif w.job is not None and now - w.started >= self.limits.seconds:
                message = (
                    f"rendering took longer than pdf.render_timeout ({self.limits.seconds:g} s); the worker was stopped. "
                    "Look for a very large table or image in the brief, or raise the limit."
                )
            if message is None:
                continue
            job = w.job
            self._retire(w)
            if job is not None:
                yield _failed(job, message)
            elif not w.ready and pending:
                # A worker that dies before it is ready will not get better: fail the next job, don't loop.
                yield _failed(pending.popleft(), message)

    def _retire(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        worker.kill()

    def _death_message(self, worker: _Worker) -> str:
        worker.process.join(1)
        code = worker.process.exitcode
        how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
        hint = f"; it may have run out of memory (pdf.render_memory: {self.limits.memory // 2**20} MiB)" if self.limits.memory else ""
        return f"the worker process {how} while rendering{hint}"

    def _memory_message(self) -> str:
        return (
            f"rendering needed more than pdf.render_memory ({self.limits.memory // 2**20} MiB); the worker was stopped. "
            "Look for a very large table or image in the brief, or raise the limit."
        )


def _tracker_running() -> bool:
    from multiprocessing import resource_tracker

    return getattr(resource_tracker._resource_tracker, "_fd", None) is not None


def _stop_tracker() -> None:
    """Stop the resource tracker that spawning the workers started, and reap it.

    Spawned workers need multiprocessing's resource tracker, a process of its
    own that would otherwise outlive the pool and end only after ``brief``
    exits, as an orphan.  It is stopped only when the pool started it and no
    other child process (one that shares it) is left.
    """
    from multiprocessing import resource_tracker

    if multiprocessing.active_children():
        return
    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        with contextlib.suppress(OSError):
            stop()


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True

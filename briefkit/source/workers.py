"""Checking many brief files at once: in this process for a usual corpus, across processes for a large one.

Each worker gets the shared :class:`~briefkit.source.mapping.Context` once, at
start, and then chunks of files; results come back in file order.
"""

from __future__ import annotations

import os

from briefkit.source.mapping import Checked, Context, check_one
from briefkit.source.read import RawFile

PARALLEL_MIN_FILES = 1500
"""Below this, starting worker processes costs more than it saves."""

_worker_context: Context | None = None


def _init_worker(ctx: Context) -> None:
    global _worker_context
    _worker_context = ctx


def _check_chunk(files: list[RawFile]) -> list[Checked]:
    assert _worker_context is not None
    return [check_one(shown, raw, _worker_context) for shown, raw in files]


def check_all(files: list[RawFile], ctx: Context) -> list[Checked]:
    """Check every file, across processes for large corpora; results keep file order."""
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_MIN_FILES or workers < 2:
        return [check_one(shown, raw, ctx) for shown, raw in files]
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(files) // (workers * 4))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(ctx,)) as pool:
        return [checked for chunk in pool.map(_check_chunk, chunks) for checked in chunk]

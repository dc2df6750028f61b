"""What the leak gate found in each output file last time, so that a rebuild reads only the files that changed.

The gate (:mod:`briefkit.editions.gate`) reads every file of a built edition.
Most of a rebuild's files are byte for byte those of the build before (the
theme's scripts, most pages, the PDFs), and what the gate finds in a file
depends only on:

* the file's bytes and its name (which says how it is read);
* the phrases looked for, which are a function of the withheld texts;
* the gate's own code, the Unicode tables of ``NFKC``, and the PDF text tool.

The cache keeps, per file (its path in the site), the SHA-256 of its bytes
and the phrases found in it (usually none), under one key made of
everything in the second and third points.  A file whose path and digest
match is not read again; its phrases are judged anew (against what the
edition shows now), so findings never come from the cache alone.

The phrases stored are ones found in the edition's own output files, so the
cache holds no text the edition does not already hold.  It sits beside the
edition's site (``build/.briefkit-gate.json``, never inside ``site/``), is
written atomically, and fails closed: a missing, unreadable, corrupt or
foreign cache, or another key, is an empty cache, and everything is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefkit.common.fsio import atomic_write

CACHE_NAME = ".briefkit-gate.json"
"""The cache's file name, in the edition's build folder (beside its ``site/``)."""

FORMAT = 1
"""Bump when the file's layout changes (an old file is then an empty cache)."""

Phrase = tuple[str, ...]


@dataclass
class ScanStats:
    """How many files one scan read and how many it took from the cache (tests and benchmarks look)."""

    read: int = 0
    reused: int = 0


def code_digest() -> str:
    """Digest of what decides the gate's findings besides its inputs: its code, Python's Unicode and HTML parser, the PDF tool."""
    h = hashlib.sha256(f"briefkit-gate {FORMAT}\0{sys.version}\0{unicodedata.unidata_version}\0".encode())
    here = Path(__file__).resolve().parent
    for name in ("gate.py", "phrases.py", "textextract.py", "gatecache.py"):
        h.update((here / name).read_bytes())
        h.update(b"\0")
    tool = shutil.which("pdftotext")
    if tool:  # another poppler may read a PDF's text differently
        st = os.stat(tool)
        h.update(f"{os.path.realpath(tool)}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    else:
        from pypdf import __version__ as pypdf_version

        h.update(f"pypdf {pypdf_version}".encode())
    return h.hexdigest()


def cache_key(texts: Iterable[str], shingle: int, min_words: int) -> str:
    """The key of a scan: the code, the phrase rules and every withheld text (the phrases are a function of these)."""
    h = hashlib.sha256(f"{code_digest()}\0{shingle}\0{min_words}\0".encode())
    for text in sorted(set(texts)):
        data = text.encode("utf-8", "surrogatepass")
        h.update(f"{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


class FileCache:
    """One edition's cache: read once, updated file by file during a scan, written once at its end."""

    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.key = key
        self.old = _read(path, key)
        self.new: dict[str, tuple[str, list[Phrase]]] = {}
        self.stats = ScanStats()

    def get(self, name: str, digest: str) -> list[Phrase] | None:
        """The phrases found in file ``name`` when its bytes had ``digest``; None when it must be read."""
        entry = self.old.get(name)
        if entry is None or entry[0] != digest:
            return None
        return entry[1]

    def put(self, name: str, digest: str, phrases: Iterable[Phrase]) -> None:
        self.new[name] = (digest, sorted(phrases))

    def save(self) -> None:
        """Write what this scan read or reused, and nothing else (files gone from the site are dropped)."""
        table: dict[Phrase, int] = {}
        files: dict[str, list[Any]] = {}
        for name, (digest, phrases) in sorted(self.new.items()):
            files[name] = [digest, [table.setdefault(p, len(table)) for p in phrases]]
        data = {"format": FORMAT, "key": self.key, "phrases": [" ".join(p) for p in table], "files": files}
        try:
            atomic_write(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        except OSError:
            pass  # the cache only saves time: a build that cannot write it reads every file next time


def _read(path: Path, key: str) -> dict[str, tuple[str, list[Phrase]]]:
    """The cache's entries, or none when it is missing, corrupt or made under another key."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    try:
        if data["format"] != FORMAT or data["key"] != key:
            return {}
        phrases = [tuple(p.split(" ")) for p in data["phrases"]]
        if not all(isinstance(p, str) for p in data["phrases"]):
            return {}
        out: dict[str, tuple[str, list[Phrase]]] = {}
        for name, (digest, indices) in data["files"].items():
            if not isinstance(digest, str) or len(digest) != 64 or not all(type(i) is int and i >= 0 for i in indices):
                return {}
            out[name] = (digest, [phrases[i] for i in indices])
        return out
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return {}

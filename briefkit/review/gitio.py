"""Talking to git: a handful of batched commands, never one process per file.

Reading every brief at a revision costs two processes (``git ls-tree`` for
names and sizes, one ``git cat-file --batch`` for all the blobs); history
costs one ``git log``.  Errors that an editor can fix (a revision that is not
there, a shallow clone) become :class:`BriefkitError` with the fix.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefkit.errors import BriefkitError

# git prints paths and messages for scripts, not people: no pager, no colour,
# no translated output, and no prompts that would hang a CI job.
_ENV = {"GIT_PAGER": "cat", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}


class GitError(Exception):
    """A git command failed; ``stderr`` says why.  Internal: callers turn it into advice."""

    def __init__(self, args: list[str], code: int, stderr: str) -> None:
        super().__init__(f"git {' '.join(args)} exited with {code}: {stderr.strip()}")
        self.code = code
        self.stderr = stderr


def git_available() -> bool:
    return shutil.which("git") is not None


def run(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run one git command and return its stdout; raise :class:`GitError` on failure."""
    argv = ["git", "-c", "core.quotepath=off", *args]
    try:
        proc = subprocess.run(argv, cwd=cwd, input=stdin, capture_output=True, env={**os.environ, **_ENV}, check=False)
    except FileNotFoundError:
        raise BriefkitError("git is not installed", hint="install git, or run this command where git is available") from None
    if proc.returncode != 0:
        raise GitError(list(args), proc.returncode, proc.stderr.decode("utf-8", "replace"))
    return proc.stdout


@dataclass(frozen=True)
class Repo:
    """A git work tree: its top folder and whether its history is cut short."""

    top: Path
    shallow: bool

    def rel(self, path: Path) -> str:
        """A path inside the work tree as git names it (forward slashes, from the top)."""
        return path.resolve().relative_to(self.top).as_posix()


def find_repo(path: Path) -> Repo | None:
    """The repository containing ``path``, or None outside git (or without git installed)."""
    if not git_available():
        return None
    try:
        out = run(path, "rev-parse", "--show-toplevel", "--is-shallow-repository").decode("utf-8", "replace").splitlines()
    except (GitError, OSError):
        return None
    if len(out) < 2:  # a bare repository prints nothing for the top level
        return None
    return Repo(Path(out[0]).resolve(), out[1].strip() == "true")


def require_repo(path: Path) -> Repo:
    repo = find_repo(path)
    if repo is None:
        if not git_available():
            raise BriefkitError("git is not installed", hint="install git: this command compares git revisions")
        raise BriefkitError(
            f"{path} is not inside a git repository",
            hint="run this command inside the repository that holds the briefs (or 'git init' one first)",
        )
    return repo


def resolve(repo: Repo, rev: str) -> str:
    """The commit id of ``rev``, or an error that says how to get it."""
    if rev.startswith("-"):
        raise BriefkitError(f"'{rev}' is not a git revision", exit_code=2)
    try:
        return run(repo.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        raise missing_revision(repo, rev) from None


def missing_revision(repo: Repo, rev: str) -> BriefkitError:
    """Explain a revision that is not there: a typo, a branch not fetched, or a shallow clone."""
    if repo.shallow:
        return BriefkitError(
            f"revision '{rev}' is not in this shallow clone",
            hint=(
                "fetch more history: 'git fetch --deepen=100' (or 'git fetch --unshallow'), "
                f"or 'git fetch origin {rev}'; in GitHub Actions set 'fetch-depth: 0' on actions/checkout"
            ),
        )
    candidates = []
    for guess in (f"origin/{rev}", f"refs/remotes/origin/{rev}"):
        try:
            run(repo.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{guess}^{{commit}}")
        except GitError:
            continue
        candidates.append(guess)
        break
    if candidates:
        return BriefkitError(f"unknown revision '{rev}'", hint=f"did you mean '{candidates[0]}'? (the branch exists on the remote)")
    return BriefkitError(
        f"unknown revision '{rev}'",
        hint=(
            "check the spelling ('git log --oneline' lists commits, 'git branch -a' branches); "
            f"if it is a branch or commit on the remote, run 'git fetch origin {rev}' "
            "(or 'git fetch --deepen=100' in a shallow clone) and try again"
        ),
    )


@dataclass(frozen=True)
class Blob:
    path: str
    """Path from the top of the work tree."""
    size: int
    oid: str
    link: bool = False
    """A symbolic link (tree mode 120000): its blob is the link's target, not a file's bytes."""


def list_tree(repo: Repo, commit: str, folder: str) -> list[Blob]:
    """Every file and symlink under ``folder`` (top-relative) at ``commit``, with sizes: one ``git ls-tree``."""
    spec = [folder] if folder not in ("", ".") else []
    out = run(repo.top, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", *spec)
    blobs = []
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, oid, size = meta.split()
        if kind != b"blob":  # submodules
            continue
        link = mode == b"120000"  # listed, so callers apply the same rule to links as on disk
        blobs.append(Blob(name.decode("utf-8", "surrogateescape"), 0 if size == b"-" else int(size), oid.decode(), link))
    return blobs


def read_blobs(repo: Repo, blobs: list[Blob]) -> dict[str, bytes]:
    """The contents of many blobs by path: one ``git cat-file --batch``."""
    if not blobs:
        return {}
    out = run(repo.top, "cat-file", "--batch", stdin="".join(f"{b.oid}\n" for b in blobs).encode())
    contents: dict[str, bytes] = {}
    pos = 0
    for blob in blobs:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        if len(header) < 3 or header[1] != b"blob":
            raise BriefkitError(f"git could not read {blob.path} ({blob.oid})", hint="the repository may be damaged: run 'git fsck'")
        size = int(header[2])
        start = header_end + 1
        contents[blob.path] = out[start : start + size]
        pos = start + size + 1  # each object is followed by a newline
    return contents


def changed_paths(repo: Repo, folder: str) -> set[str]:
    """Top-relative paths under ``folder`` that differ from HEAD, untracked ones included."""
    spec = [folder] if folder not in ("", ".") else []
    try:
        out = run(repo.top, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *spec)
    except GitError:
        return set()
    paths: set[str] = set()
    fields = out.split(b"\0")
    i = 0
    while i < len(fields):
        item = fields[i]
        i += 1
        if len(item) < 4:
            continue
        code, name = item[:2], item[3:].decode("utf-8", "surrogateescape")
        paths.add(name)
        if b"R" in code or b"C" in code:  # the next field is the old name
            i += 1
    return paths


def under(path: str, folder: str) -> bool:
    return folder in ("", ".") or PurePosixPath(path).is_relative_to(folder)

"""fsio: files written whole, only when changed, and folders swapped without losing the old one."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.common.fsio import atomic_write, staging_dir, swap_dir, sync_tree, write_if_changed


def test_write_if_changed_keeps_unchanged_files(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.txt"
    assert write_if_changed(path, b"one") is True
    first = path.stat()
    assert write_if_changed(path, b"one") is False
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (first.st_ino, first.st_mtime_ns)
    assert write_if_changed(path, b"two") is True
    assert path.read_bytes() == b"two"
    assert oct(path.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in path.parent.iterdir()] == ["b.txt"]


def test_sync_tree_writes_keeps_and_removes(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    stats = sync_tree(root, {"index.md": b"home", "briefs/a/index.md": b"a", "briefs/b/index.md": b"b"})
    assert (stats.written, stats.unchanged, stats.removed) == (3, 0, 0)
    stats = sync_tree(root, {"index.md": b"home", "briefs/a/index.md": b"a2"})
    assert (stats.written, stats.unchanged, stats.removed) == (1, 1, 1)
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == ["briefs", "briefs/a", "briefs/a/index.md", "index.md"]


def test_swap_dir_replaces_and_keeps_the_old_one_on_failure(tmp_path: Path) -> None:
    live = tmp_path / "site"
    live.mkdir()
    (live / "old.html").write_text("old")
    new = staging_dir(tmp_path, ".site-")
    (new / "new.html").write_text("new")
    swap_dir(new, live)
    assert [p.name for p in live.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    with pytest.raises(FileNotFoundError):
        swap_dir(tmp_path / "missing", live)
    assert [p.name for p in live.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_atomic_write_leaves_nothing_behind_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "dir-not-file"
    target.mkdir()
    with pytest.raises(OSError):
        atomic_write(target, b"x")  # cannot replace a folder with a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir-not-file"]

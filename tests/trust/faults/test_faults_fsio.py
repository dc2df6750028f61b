"""fsio's swap, recovery and docs sync on their own: what they delete, and what they never delete."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.common import fsio
from tests.conftest import write_file_tree


def make(folder: Path, files: dict[str, str]) -> Path:
    return write_file_tree(folder, files)


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_sync_tree_deletes_only_what_it_recorded(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    fsio.sync_tree(root, {"a.md": b"a", "sub/b.md": b"b"})
    make(root, {"mine.md": "user", "sub/theirs.md": "user"})
    stats = fsio.sync_tree(root, {"a.md": b"a2"})
    assert (stats.written, stats.removed, stats.foreign) == (1, 1, ["mine.md", "sub/theirs.md"])
    assert listing(root) == ["a.md", "mine.md", "sub/theirs.md"]
    # Still foreign next time: the record lists only what sync_tree wrote.
    assert fsio.sync_tree(root, {"a.md": b"a2"}).foreign == ["mine.md", "sub/theirs.md"]
    assert listing(tmp_path) == [".docs.files.json", "docs/a.md", "docs/mine.md", "docs/sub/theirs.md"]


def test_sync_tree_without_a_record_adopts_the_folder(tmp_path: Path) -> None:
    """A docs folder from an older briefkit (no record): its files were briefkit's, and stale ones go."""
    root = make(tmp_path / "docs", {"old.md": "stale page", "keep.md": "k"})
    stats = fsio.sync_tree(root, {"keep.md": b"k"})
    assert (stats.removed, stats.foreign) == (1, [])
    assert listing(root) == ["keep.md"]


@pytest.mark.parametrize("exchange", [True, False])
def test_swap_and_recover(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(fsio, "_renameat2", None)  # as on a system without renameat2
    live = make(tmp_path / "site", {"index.html": "old"})
    new = make(fsio.staging_dir(tmp_path, ".site-"), {"index.html": "new"})
    fsio.swap_dir(new, live)
    assert (live / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert fsio.recover_dir(live) is False


def test_recover_dir_puts_the_old_site_back(tmp_path: Path) -> None:
    live = tmp_path / "site"
    make(tmp_path / ".site.old-abc", {"index.html": "old"})
    make(tmp_path / ".site-xyz", {"index.html": "half"})
    assert fsio.recover_dir(live) is True
    assert (live / "index.html").read_text() == "old"
    assert fsio.recover_dir(live) is False  # a live site is never touched


def test_swap_replaces_a_symlinked_site_without_touching_its_target(tmp_path: Path) -> None:
    target = make(tmp_path / "elsewhere", {"index.html": "target"})
    live = tmp_path / "out" / "site"
    live.parent.mkdir()
    live.symlink_to(target)
    new = make(fsio.staging_dir(live.parent, ".site-"), {"index.html": "new"})
    fsio.swap_dir(new, live)
    assert not live.is_symlink() and (live / "index.html").read_text() == "new"
    assert listing(target) == ["index.html"] and (target / "index.html").read_text() == "target"
    assert sorted(p.name for p in live.parent.iterdir()) == ["site"]

"""A read-only or full output folder: a clean error naming the path and the reason, the old site kept, and repair after.

Before, both ended in "internal error ... this is a bug in briefkit".  As
root (which ignores file modes) read-only means a read-only bind mount, and
a full disk is a small tmpfs mounted on build/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from faulttools import brief, home_lists, leftovers, make_site, page_title, read_only, set_title, small_disk, tree_bytes, used_bytes

NOT_A_BUG = ("internal error", "Traceback", "this is a bug")


def assert_clean_failure(output: str, path: Path, reason: str) -> None:
    assert not any(bad in output for bad in NOT_A_BUG), output
    lines = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, output
    assert reason in lines[0] and str(path) in lines[0], output


@pytest.mark.parametrize("where", ["build", "build/site", "build/docs"])
def test_read_only_output_is_a_clean_error(tmp_path: Path, where: str) -> None:
    root = make_site(tmp_path, "Version one")
    assert brief(root, "build").returncode == 0
    set_title(root, "Version two")
    target = root / where
    with read_only(target):
        failed = brief(root, "build")
        assert failed.returncode == 1
        reason = "Read-only file system" if os.geteuid() == 0 else "Permission denied"
        if where == "build/site" and os.geteuid() == 0:
            reason = "Device or resource busy"  # a mount point cannot be renamed
        assert_clean_failure(failed.stdout + failed.stderr, Path(where), reason)
        assert page_title(root / "build/site") == "Version one"
    repaired = brief(root, "build")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert page_title(root / "build/site") == "Version two" and home_lists(root / "build/site")
    assert leftovers(root / "build") == []


def test_full_disk_is_a_clean_error_and_keeps_the_site(tmp_path: Path) -> None:
    root = make_site(tmp_path, "Version one", briefs=3)
    build = root / "build"
    with small_disk(build, "64m") as resize:
        assert brief(root, "build").returncode == 0
        site_bytes = tree_bytes(build / "site")
        # Room for half a second copy of the site: the new staging cannot be completed.
        resize(str(used_bytes(build) + site_bytes // 2))
        set_title(root, "Version two")
        (root / "briefs/more.yaml").write_text((root / "briefs/other-1.yaml").read_text(), encoding="utf-8")
        failed = brief(root, "build")
        assert failed.returncode == 1
        assert_clean_failure(failed.stdout + failed.stderr, Path("build"), "No space left on device")
        assert "hint: the disk" in failed.stdout + failed.stderr
        assert page_title(build / "site") == "Version one" and home_lists(build / "site")
        assert leftovers(build) == []  # the failed staging was removed, giving the space back

        resize("64m")
        repaired = brief(root, "build")
        assert repaired.returncode == 0, repaired.stdout + repaired.stderr
        assert page_title(build / "site") == "Version two" and home_lists(build / "site")

"""kill -9 of a real `brief build` at each step: build/site is always the last complete site or the new one.

Each test builds version one, changes the watched brief's title, and kills
the next build at a named step (``BRIEFKIT_FAULT_POINT``).  Right after the
kill, the site must be whole (its pages parse and show one version or the
other, never a mix, never nothing); a following build that fails must still
leave it; and the next good build repairs everything, leftovers included.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from faulttools import brief, home_lists, leftovers, make_site, page_title, set_title

# Step of the build -> which version build/site shows right after a kill there.
ATOMIC_POINTS = {
    "after-mkdocs": "Version one",  # staging has HTML, no search index yet
    "before-swap": "Version one",  # staging complete, not yet swapped
    "after-exchange": "Version two",  # swapped; the old site not yet deleted, no record written
}


def assert_site(root: Path, title: str) -> None:
    site = root / "build/site"
    assert page_title(site) == title
    assert page_title(site, "other-1") == "Other brief 1"
    assert home_lists(site)


def finish(root: Path) -> None:
    """The next build repairs: new version, no leftovers, and then it is up to date."""
    done = brief(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" not in done.stdout + done.stderr
    assert_site(root, "Version two")
    assert leftovers(root / "build") == []
    again = brief(root, "build")
    assert again.returncode == 0 and "site is up to date" in again.stdout + again.stderr


@pytest.mark.parametrize("point", sorted(ATOMIC_POINTS))
def test_kill_during_build_keeps_a_whole_site(tmp_path: Path, point: str) -> None:
    root = make_site(tmp_path, "Version one")
    assert brief(root, "build").returncode == 0
    set_title(root, "Version two")

    killed = brief(root, "build", fault=point)
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    assert_site(root, ATOMIC_POINTS[point])

    # A build that fails after the crash must not delete what is there.
    (root / "briefs/broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    failed = brief(root, "build")
    assert failed.returncode == 1 and "Traceback" not in failed.stdout + failed.stderr
    assert_site(root, ATOMIC_POINTS[point])
    (root / "briefs/broken.yaml").unlink()
    finish(root)


def test_kill_between_the_two_renames_is_recovered(tmp_path: Path) -> None:
    """Without an atomic exchange, a crash between the renames leaves no build/site; the next build puts it back first."""
    root = make_site(tmp_path, "Version one")
    assert brief(root, "build", exchange=False).returncode == 0
    set_title(root, "Version two")
    killed = brief(root, "build", fault="after-first-rename", exchange=False)
    assert killed.returncode == -signal.SIGKILL
    assert not (root / "build/site").exists()
    assert [name.startswith(".site.old-") for name in leftovers(root / "build")].count(True) == 1

    # The next build fails, yet the last complete site is back (before, the leftover was deleted first).
    (root / "briefs/broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    failed = brief(root, "build", exchange=False)
    assert failed.returncode == 1
    assert "restored the last complete site" in failed.stdout + failed.stderr
    assert_site(root, "Version one")
    (root / "briefs/broken.yaml").unlink()
    finish(root)


def test_kill_after_the_second_rename_keeps_the_new_site(tmp_path: Path) -> None:
    root = make_site(tmp_path, "Version one")
    assert brief(root, "build", exchange=False).returncode == 0
    set_title(root, "Version two")
    killed = brief(root, "build", fault="after-second-rename", exchange=False)
    assert killed.returncode == -signal.SIGKILL
    assert_site(root, "Version two")
    finish(root)


@pytest.mark.parametrize("damage", ["delete-page", "truncate-page", "rewrite-page", "delete-site"])
def test_a_damaged_site_is_not_up_to_date(tmp_path: Path, damage: str) -> None:
    """'up to date' checks the live site against the record of what was written; a broken site is rebuilt."""
    root = make_site(tmp_path, "Version one")
    assert brief(root, "build").returncode == 0
    page = root / "build/site/briefs/watched/index.html"
    if damage == "delete-page":
        page.unlink()
    elif damage == "truncate-page":
        page.write_bytes(page.read_bytes()[:100])
    elif damage == "rewrite-page":  # same size, other bytes
        data = page.read_bytes()
        page.write_bytes(data.replace(b"Version one", b"Version 0ne"))
    else:
        import shutil

        shutil.rmtree(root / "build/site")
    again = brief(root, "build")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "up to date" not in again.stdout + again.stderr
    assert_site(root, "Version one")

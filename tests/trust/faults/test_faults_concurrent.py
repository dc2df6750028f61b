"""Two builds at once: the second waits for the first (and says so); the site ends whole, HTML and PDFs.

Before the build lock, a build started while another rendered PDFs deleted
the other's staging, and the other then swapped in a site of PDFs with no
HTML, which later builds called up to date.  Build A is paused (SIGSTOP at
its ``after-mkdocs`` step, where its staging holds only HTML) while build B
starts; A is resumed only once B has reported that it waits.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from faulttools import brief, home_lists, leftovers, make_site, page_title, reaped, set_title, start, stopped
from pypdf import PdfReader

from tests.conftest import wait_until


def pdf_text(path: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(path).pages)


@pytest.mark.parametrize("second", ["build", "build --preview"])
def test_second_build_waits_for_the_first(tmp_path: Path, second: str) -> None:
    root = make_site(tmp_path, "Version one", pdf=True)
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = start(root, first_log, "build", fault="after-mkdocs:stop")
    with reaped(first):
        wait_until(lambda: stopped(first), 120, "the first build to pause after MkDocs", interval=0.05)
        set_title(root, "Version two")
        later = start(root, second_log, *second.split())
        with reaped(later):
            waiting = f"another build is running (pid {first.pid}); waiting for it to finish"
            wait_until(lambda: waiting in second_log.read_text(), 120, "the second build to report that it waits", interval=0.05)
            assert later.poll() is None
            os.kill(first.pid, signal.SIGCONT)
            assert first.wait(timeout=300) == 0, first_log.read_text()
            assert later.wait(timeout=300) == 0, second_log.read_text()

    site = root / "build/site"
    public_title = "Version one" if second.endswith("--preview") else "Version two"
    assert page_title(site) == public_title
    assert home_lists(site)
    assert page_title(site, "other-1") == "Other brief 1"
    assert public_title in pdf_text(site / "pdf" / "watched.pdf")
    assert "Other brief 1" in pdf_text(site / "pdf" / "other-1.pdf")
    assert leftovers(root / "build") == []
    if second.endswith("--preview"):
        assert page_title(root / "build/preview/site") == "Version two"
    again = brief(root, "build")
    assert again.returncode == 0, again.stdout + again.stderr
    assert ("site is up to date" in again.stdout + again.stderr) == (not second.endswith("--preview"))
    assert page_title(site) == "Version two"

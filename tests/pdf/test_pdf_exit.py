"""When `brief pdf --jobs 2` has exited, nothing it started is left: no worker, no resource tracker, no zombie."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.pdf.pdftools import site_files, write_site

AS_OF = "2026-11-25T12:00:00+00:00"


def session_members(sid: int) -> list[str]:
    """Every process of a session, zombies included, read from /proc (field 6 of stat is the session id)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # it ended while we looked
        name_end = stat.rindex(")")
        fields = stat[name_end + 2 :].split()
        if int(fields[3]) == sid:  # state, ppid, pgrp, session
            found.append(f"{entry.name} {stat[: name_end + 1]} state={fields[0]} ppid={fields[1]}")
    return found


def test_nothing_is_left_the_moment_brief_pdf_exits(tmp_path: Path) -> None:
    site = write_site(tmp_path, site_files(tags=True, daily=True))
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefkit.cli.main", "pdf", "--jobs", "2", "--as-of", AS_OF],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own session: every process it starts is in it, wherever it is re-parented
    )
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "with 2 process(es)" in err
    # Checked at once, not after a grace period: a process still ending (or a zombie nobody reaped) is one left behind.
    assert session_members(proc.pid) == []
    assert len(list((site / "build" / "pdf").rglob("*.pdf"))) > 2
    assert os.path.exists(site / "build" / "pdf" / "books")

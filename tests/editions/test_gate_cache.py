"""The leak gate reads only the files that changed since its last scan, and still fails closed.

The cache (``briefkit.editions.gatecache``) remembers what each output file
held under a key made of the withheld texts and the gate's code.  These tests
plant leaks the cache must not hide: in a file it saw clean when the
withheld texts change, in a file whose bytes change after a clean scan, and
behind a corrupt cache file.  ``gate.last_scan`` counts the files read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefkit.cli.main import main
from briefkit.editions import gate
from briefkit.editions.gate import Withheld, scan
from briefkit.editions.gatecache import CACHE_NAME
from briefkit.errors import Problem
from tests.conftest import FileTree
from tests.editions.gatetools import AS_OF, SECRET, SHARED, site

BODY = Withheld("briefs/amber-crates.yaml", "body", 12, 7, f"{SECRET}.\n", "TLP:AMBER")
# A public page's sentence that later becomes withheld (its brief is relabelled TLP:AMBER).
NOTE = "The ferry timetable for the winter months was published by the port authority on Monday"
RELABELLED = Withheld("briefs/ferry.yaml", "body", 8, 7, f"{NOTE}.\n", "TLP:AMBER")


def _site(root: Path) -> Path:
    out = root / "site"
    (out / "briefs/ferry").mkdir(parents=True)
    (out / "index.html").write_text(f"<html><body><p>{SHARED}.</p></body></html>", encoding="utf-8")
    (out / "briefs/ferry/index.html").write_text(f"<html><body><article><p>{NOTE}.</p></article></body></html>", encoding="utf-8")
    (out / "search.json").write_text(json.dumps({"docs": [{"text": f"<p>{NOTE}</p>"}]}), encoding="utf-8")
    return out


def _leaks(problems: list[Problem]) -> list[tuple[str, str]]:
    return [
        (p.path, p.message.split(", but ")[1].split(" holds ")[0]) for p in problems if p.code == "edition-leak" and ", but " in p.message
    ]


def test_a_second_scan_of_the_same_files_reads_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out, cache = _site(tmp_path), tmp_path / CACHE_NAME
    assert scan(out, [BODY], cache=cache) == []
    assert (gate.last_scan.read, gate.last_scan.reused) == (3, 0)
    assert scan(out, [BODY], cache=cache) == []
    assert (gate.last_scan.read, gate.last_scan.reused) == (0, 3)


def test_a_file_seen_clean_is_read_again_when_the_withheld_texts_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ferry page was clean while its brief was public; relabelled, its unchanged page is a leak."""
    monkeypatch.chdir(tmp_path)
    out, cache = _site(tmp_path), tmp_path / CACHE_NAME
    assert scan(out, [BODY], cache=cache) == []
    problems = scan(out, [BODY, RELABELLED], cache=cache)
    assert (gate.last_scan.read, gate.last_scan.reused) == (3, 0)
    assert _leaks(problems) == [("briefs/ferry.yaml", "site/briefs/ferry/index.html"), ("briefs/ferry.yaml", "site/search.json")]


def test_a_file_edited_after_a_clean_scan_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out, cache = _site(tmp_path), tmp_path / CACHE_NAME
    assert scan(out, [BODY], cache=cache) == []
    page = out / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", f"<footer>{SECRET}</footer></body>".encode()))
    problems = scan(out, [BODY], cache=cache)
    assert (gate.last_scan.read, gate.last_scan.reused) == (1, 2)
    assert _leaks(problems) == [("briefs/amber-crates.yaml", "site/index.html")]
    assert _leaks(scan(out, [BODY], cache=cache)) == _leaks(problems)  # from the cache now: found again, not forgotten
    assert (gate.last_scan.read, gate.last_scan.reused) == (0, 3)


def _truncated(data: dict[str, object], raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _other_format(data: dict[str, object], raw: bytes) -> bytes:
    return json.dumps({**data, "format": 0}).encode()


def _bad_index(data: dict[str, object], raw: bytes) -> bytes:
    files = {name: [digest, [-1]] for name, (digest, _) in data["files"].items()}  # type: ignore[attr-defined]
    return json.dumps({**data, "files": files}).encode()


def _not_an_object(data: dict[str, object], raw: bytes) -> bytes:
    return b"[1, 2, 3]"


def _not_utf8(data: dict[str, object], raw: bytes) -> bytes:
    return b"\xff\xfe" + raw


CORRUPTIONS = {f.__name__.strip("_"): f for f in (_truncated, _other_format, _bad_index, _not_an_object, _not_utf8)}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_corrupt_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corruption: str) -> None:
    """The leak is planted without changing the file's size or name; with the cache spoilt, every file is read."""
    monkeypatch.chdir(tmp_path)
    out, cache = _site(tmp_path), tmp_path / CACHE_NAME
    assert scan(out, [BODY], cache=cache) == []
    raw = cache.read_bytes()
    cache.write_bytes(CORRUPTIONS[corruption](json.loads(raw), raw))
    page = out / "briefs/ferry/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(NOTE, SECRET), encoding="utf-8")
    problems = scan(out, [BODY], cache=cache)
    assert (gate.last_scan.read, gate.last_scan.reused) == (3, 0)
    assert _leaks(problems) == [("briefs/amber-crates.yaml", "site/briefs/ferry/index.html")]


def test_a_rebuild_with_the_same_output_reads_no_file(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real build gates every file; rebuilding everything again (``--clean``) gives the same bytes, and the gate reads none."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795608000")
    root = build_file_tree(site())
    first = CliRunner().invoke(main, ["build", "--as-of", AS_OF], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    files = sum(1 for p in (root / "build/site").rglob("*") if p.is_file())
    assert (gate.last_scan.read, gate.last_scan.reused) == (files, 0)
    assert (root / "build" / CACHE_NAME).is_file()
    assert not (root / "build/site" / CACHE_NAME).exists()  # beside the site, never published
    again = CliRunner().invoke(main, ["build", "--clean", "--as-of", AS_OF], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert "page file(s) changed" in again.output  # the engine ran and the gate with it: not an up-to-date stop
    assert (gate.last_scan.read, gate.last_scan.reused) == (0, files)
    check = CliRunner().invoke(main, ["check", "--editions"], catch_exceptions=False)
    assert check.exit_code == 0, check.output
    assert (gate.last_scan.read, gate.last_scan.reused) == (0, files)

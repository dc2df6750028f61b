"""The whole generated tree of a small fixed site, file by file, against tests/pipeline/golden/ (Pelican's ``diff -r``).

What briefkit hands the engine is the contract: the generated Markdown pages and feeds under ``build/docs/``, the
engine config ``build/mkdocs.yml`` and the sitemap index ``build/site/sitemap.xml``. The built HTML is left out (it
carries engine versions), and so are the copied static assets (``docs/assets/``) and the share cards (``docs/cards/``).

When a change to the output is meant, regenerate the goldens and review the diff (tests/README.md):

    BRIEFKIT_REGEN_GOLDEN=1 .venv/bin/pytest -q tests/pipeline/test_golden_tree.py && git diff --stat tests/pipeline/golden
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefkit.cli.main import main
from tests.conftest import FileTree, brief_yaml, site_config

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("BRIEFKIT_REGEN_GOLDEN") == "1"
EPOCH = "1795608000"  # 2026-11-25T12:00Z, after every date below
SHOWN = 3
"""Differing files whose unified diff a failure prints in full; the rest are named."""

SITE: dict[str, str | bytes] = {
    "mkdocs.yml": site_config("Golden Desk"),
    "briefs/energy/gas-storage.yaml": brief_yaml(
        title="Gas storage reaches winter target",
        summary="Storage sites are 95 per cent full a month early.",
        section="Energy / Gas",
        date="2026-11-20",
        tags=["Gas", "Winter"],
        body="Operators filled the sites ahead of schedule.\n\n## Outlook\n\nDemand depends on the weather.\n",
    ),
    "briefs/energy/grid-tariffs.yaml": brief_yaml(
        title="Grid tariffs rise in the new year",
        summary="Network charges go up by four per cent.",
        section="Energy / Power",
        date="2026-10-14",
        tags=["Power"],
        body="The regulator approved the increase on Monday.\n",
        corrections=[{"date": "2026-10-16", "text": "An earlier version gave the increase as fourteen per cent."}],
    ),
    "briefs/world/baltic-air.yaml": brief_yaml(date="2026-11-18", tags=["NATO allies", "Winter"]),
    "briefs/world/draft-note.yaml": brief_yaml(title="Unfinished draft", status="draft", date="2026-11-19"),
}


def generated(build: Path) -> dict[str, bytes]:
    """The files of the contract, by path relative to ``build/``."""
    out = {rel: (build / rel).read_bytes() for rel in ("mkdocs.yml", "site/sitemap.xml")}
    docs = build / "docs"
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        rel = path.relative_to(docs)
        # Share cards are PNGs whose bytes follow Pillow and FreeType: tests/web/test_social_cards.py checks them.
        if rel.parts[0] not in ("assets", "cards"):
            out[f"docs/{rel.as_posix()}"] = path.read_bytes()
    return out


def golden() -> dict[str, bytes]:
    return {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()}


def regenerate(files: dict[str, bytes]) -> None:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for rel, data in files.items():
        (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
        (GOLDEN / rel).write_bytes(data)


def tree_diff(want: dict[str, bytes], got: dict[str, bytes]) -> str:
    """What differs, readably: missing and extra files by name, then unified diffs of the first differing files."""
    lines = [f"missing (in golden, not built): {rel}" for rel in sorted(want.keys() - got.keys())]
    lines += [f"extra (built, not in golden): {rel}" for rel in sorted(got.keys() - want.keys())]
    changed = [rel for rel in sorted(want.keys() & got.keys()) if want[rel] != got[rel]]
    for rel in changed[:SHOWN]:
        old = want[rel].decode("utf-8", "replace").splitlines(keepends=True)
        new = got[rel].decode("utf-8", "replace").splitlines(keepends=True)
        lines.append("".join(difflib.unified_diff(old, new, f"golden/{rel}", f"build/{rel}")).rstrip("\n"))
    lines += [f"also differs: {rel}" for rel in changed[SHOWN:]]
    return "\n".join(lines)


def test_generated_tree_matches_the_golden_tree(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = build_file_tree(SITE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    got = generated(root / "build")
    # The fixed site exercises what the tree must show: sections, tags and their feeds, a correction; no draft.
    assert {"docs/sections/energy/gas/index.md", "docs/tags/winter/feed.xml", "docs/feed.xml"} <= got.keys()
    assert b"fourteen per cent" in got["docs/briefs/grid-tariffs/index.md"]
    assert not any(b"Unfinished draft" in data for data in got.values())
    if REGENERATE:
        regenerate(got)
    want = golden()
    assert want, f"no golden tree at {GOLDEN}: regenerate it with BRIEFKIT_REGEN_GOLDEN=1"
    if want != got:
        pytest.fail(f"the generated tree differs from {GOLDEN} (BRIEFKIT_REGEN_GOLDEN=1 regenerates it):\n{tree_diff(want, got)}")

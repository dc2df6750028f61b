"""The PDF cache (which CI keeps between runs) holds only what the last full builds published.

Before, a retracted brief's PDFs, or those of a brief whose label was
raised, stayed in build/cache/pdf for 30 days, and CI carried them along.
Each check reads the text of every cached PDF (briefs and books).
"""

from __future__ import annotations

from pathlib import Path

from faulttools import brief, make_site
from pypdf import PdfReader

from tests.conftest import brief_yaml


def cached_texts(root: Path) -> list[str]:
    return [" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages) for pdf in sorted((root / "build/cache/pdf").glob("*/*.pdf"))]


def in_cache(root: Path, title: str) -> bool:
    return any(title in text for text in cached_texts(root))


def build(root: Path, *args: str) -> None:
    result = brief(root, "build", *args)
    assert result.returncode == 0, result.stdout + result.stderr


def write_watched(root: Path, title: str, handling: str) -> None:
    (root / "briefs/watched.yaml").write_text(brief_yaml(title=title, date="2026-11-01", handling=handling), encoding="utf-8")


def test_cache_forgets_retracted_and_restricted_briefs(tmp_path: Path) -> None:
    root = make_site(tmp_path, "Harbour closure notice", pdf=True)
    build(root)
    assert in_cache(root, "Harbour closure notice") and in_cache(root, "Other brief 1")

    # Label raised: the brief leaves the public site, and its PDFs (and the books that held it) leave the cache.
    write_watched(root, "Harbour closure notice", "TLP:AMBER")
    build(root)
    assert not in_cache(root, "Harbour closure notice")
    assert in_cache(root, "Other brief 1")

    # Retracted: the file is deleted.
    write_watched(root, "Pipeline pressure figures", "TLP:CLEAR")
    build(root)
    assert in_cache(root, "Pipeline pressure figures")
    (root / "briefs/watched.yaml").unlink()
    build(root)
    assert not in_cache(root, "Pipeline pressure figures")
    assert in_cache(root, "Other brief 1")


def test_preview_entries_live_until_the_next_preview_build(tmp_path: Path) -> None:
    """Preview and public builds keep each other's last entries (alternating costs no renders); each prunes its own."""
    root = make_site(tmp_path, "Other title", pdf=True)
    write_watched(root, "Restricted draft plan", "TLP:AMBER")
    build(root, "--preview")
    assert in_cache(root, "Restricted draft plan")
    build(root)
    assert in_cache(root, "Restricted draft plan")  # the last preview build's entry
    (root / "briefs/watched.yaml").unlink()
    build(root, "--preview")
    assert not in_cache(root, "Restricted draft plan")
    assert in_cache(root, "Other brief 1")
    listing = sorted(p.name for p in (root / "build/cache/pdf").iterdir() if p.is_file())
    assert listing == [".used-preview.json", ".used-public.json"]

"""Helpers for the cache-key tests: a small site with PDFs, real builds, and what a build rewrote."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from briefkit.cli.main import main
from tests.conftest import brief_yaml, site_config

AS_OF = "2026-11-25T12:00:00Z"

# conftest's test site, extended: PDFs on, one book per top-level section and no other books.
MKDOCS = site_config("Key Desk", pdf="true") + (
    "        paper: A4\n        jobs: 1\n        books:\n          latest: 0\n          tags: false\n          daily: false\n"
)

BRIEFS = {
    "briefs/energy/grid.yaml": brief_yaml(title="Grid upgrade", section="Energy", date="2026-11-20", body="Grid body.\n"),
    "briefs/geo/border.yaml": brief_yaml(title="Border reopens", section="Geopolitics", date="2026-11-21", body="Border body.\n"),
    "briefs/geo/accord.yaml": brief_yaml(title="Accord signed", section="Geopolitics", date="2026-11-22", body="Accord body.\n"),
}

PDFS = ["pdf/accord.pdf", "pdf/books/section-energy.pdf", "pdf/books/section-geopolitics.pdf", "pdf/border.pdf", "pdf/grid.pdf"]
"""Every PDF the site publishes, relative to build/site."""

Snapshot = dict[str, tuple[int, int, bytes]]


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def build(root: Path) -> str:
    """``brief build`` of the site at ``root``; its output (the build must succeed)."""
    result = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml"), "--as-of", AS_OF], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def snapshot(folder: Path) -> Snapshot:
    """Every file under ``folder``: inode, mtime in ns, bytes."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        st = path.stat()
        out[path.relative_to(folder).as_posix()] = (st.st_ino, st.st_mtime_ns, path.read_bytes())
    return out


@dataclass(frozen=True)
class Outputs:
    """What a build left in build/site (the published site) and build/docs (the generated Markdown)."""

    site: Snapshot
    docs: Snapshot

    @classmethod
    def of(cls, root: Path) -> Outputs:
        return cls(snapshot(root / "build/site"), snapshot(root / "build/docs"))

    def rewritten(self, after: Outputs) -> set[str]:
        """Files (``site/...``, ``docs/...``) that are new, gone, or not the very same file with the same time and bytes."""
        changed = set()
        for kind, old, new in (("site", self.site, after.site), ("docs", self.docs, after.docs)):
            changed |= {f"{kind}/{rel}" for rel in old.keys() | new.keys() if old.get(rel) != new.get(rel)}
        return changed


def site_pdfs(names: list[str]) -> set[str]:
    return {f"site/{n}" for n in names}


def page_width(pdf: Path) -> float:
    """The first page's width in points (A4: 595.28, Letter: 612)."""
    return float(PdfReader(pdf).pages[0].mediabox.width)


def reorder_top_level(text: str) -> str:
    """The same YAML with its top-level keys in reverse order (each key's block kept whole)."""
    blocks: list[list[str]] = []
    for line in text.splitlines(keepends=True):
        if not line.startswith(" ") or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    return "".join("".join(b) for b in reversed(blocks))

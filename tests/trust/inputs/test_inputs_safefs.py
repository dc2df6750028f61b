"""The one reader every input goes through (briefkit.common.safefs), in process, and the folders mkdocs.yml names.

In-process tests try many link shapes against the rule itself; the
subprocess tests point the configured folders (briefs, assets, templates)
outside the root or at .git/, and run `brief pdf`, which reads assets
through the PDF fetcher rather than the site's copy step.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from inputsite import brief, build, git, git_init, site, write
from leakscan import assert_clean
from PIL import Image
from pypdf import PdfReader

from briefkit.common import safefs
from tests.conftest import brief_yaml

CANARY = "cnrysafefs"


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "root"
    outside = tmp_path / "outside"
    write(outside, {"secret.txt": CANARY, "sub/deeper.txt": CANARY})
    write(root, {"inside.txt": "fine", "folder/nested.txt": "fine", ".git/config": CANARY})
    return root, outside


LINKS = {
    # name: (link path under root, target as written, allowed?)
    "absolute-out": ("a.txt", "{outside}/secret.txt", False),
    "relative-out": ("a.txt", "../outside/secret.txt", False),
    "deep-relative-out": ("x/y/z/a.txt", "../../../../outside/secret.txt", False),
    "dotdot-back-in": ("x/a.txt", "../../root/inside.txt", True),
    "absolute-in": ("a.txt", "{root}/inside.txt", True),
    "relative-in": ("x/a.txt", "../folder/nested.txt", True),
    "proc": ("a.txt", "/proc/self/environ", False),
    "passwd": ("a.txt", "/etc/passwd", False),
    "git-config": ("a.txt", ".git/config", False),
    "git-config-absolute": ("a.txt", "{root}/.git/config", False),
    "git-folder-file": ("x/a.txt", "../.git/config", False),
    "root-itself-out": ("a.txt", "..", False),
    "to-tmp": ("a.txt", "/tmp", False),
}


@pytest.mark.parametrize("case", LINKS)
def test_the_rule(tree: tuple[Path, Path], case: str) -> None:
    root, outside = tree
    rel, target, allowed = LINKS[case]
    link = root / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target.format(root=root, outside=outside))
    if allowed:
        assert safefs.read_input(link, root) == b"fine"
    else:
        with pytest.raises(safefs.Refused) as refused:
            safefs.read_input(link, root)
        assert refused.value.code in ("symlink-escape", "not-a-file")


def test_a_chain_of_links_is_judged_by_where_it_ends(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    (root / "hop3").symlink_to("../outside/secret.txt")
    (root / "hop2").symlink_to("hop3")
    (root / "hop1").symlink_to(root / "hop2")
    with pytest.raises(safefs.Refused) as refused:
        safefs.read_input(root / "hop1", root)
    assert refused.value.code == "symlink-escape"
    (root / "hop3").unlink()
    (root / "hop3").symlink_to("inside.txt")
    assert safefs.read_input(root / "hop1", root) == b"fine"


def test_walk_reports_every_refusal_and_reads_the_rest(tree: tuple[Path, Path]) -> None:
    root, outside = tree
    base = root / "assets"
    write(base, {"ok.txt": "fine", "deep/ok.txt": "fine"})
    (base / "env").symlink_to("/proc/self/environ")
    (base / "out").symlink_to(outside)
    (base / "deep" / "git").symlink_to("../../.git")
    os.mkfifo(base / "deep" / "pipe")
    (base / ".hidden").symlink_to("/etc/passwd")  # hidden names are never published, nor read
    got = safefs.walk(base, root)
    assert got.files == {"ok.txt": b"fine", "deep/ok.txt": b"fine"}
    assert sorted((Path(p.path).name, p.code) for p in got.problems) == [
        ("env", "symlink-escape"),
        ("git", "symlink-escape"),
        ("out", "symlink-escape"),
        ("pipe", "not-a-file"),
    ]
    assert all(p.line == 1 and p.col == 1 and p.hint for p in got.problems)


def test_the_size_limit_is_kept_while_reading(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    write(root, {"big.txt": "x" * 100})
    with pytest.raises(safefs.Refused) as refused:
        safefs.read_input(root / "big.txt", root, max_bytes=10)
    assert refused.value.code == "file-too-large"


# --- folders named in mkdocs.yml -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "shown"),
    [
        ("assets_dir", "../outside", "../outside"),
        ("assets_dir", ".git", ".git"),
        ("templates_dir", "../outside", "../outside"),
    ],
)
def test_a_configured_folder_outside_the_root_is_refused(tmp_path: Path, option: str, value: str, shown: str) -> None:
    root = site(tmp_path / "site")
    git_init(root)
    git(root, "config", "user.note", CANARY)
    write(tmp_path / "outside", {"secret.txt": CANARY, "assets/briefkit.css": CANARY, "site/home.md.j2": CANARY})
    write(
        root,
        {
            "mkdocs.yml": (root / "mkdocs.yml")
            .read_text()
            .replace("      timezone: UTC\n", f"      timezone: UTC\n      {option}: {value}\n")
        },
    )
    run = build(root, "--no-pdf")
    assert run.code == 1, run.output
    assert any(line.startswith(f"{shown}:1:1: error: ") and line.endswith("[symlink-escape]") for line in run.lines()), run.output
    assert not (root / "build" / "site").exists()
    if (root / "build").exists():
        assert_clean(root / "build", [CANARY])


def test_a_briefs_folder_outside_the_root_is_not_read(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    write(tmp_path / "outside", {"briefs/leak.yaml": brief_yaml(title=f"Leak {CANARY}")})
    write(
        root,
        {
            "mkdocs.yml": (root / "mkdocs.yml")
            .read_text()
            .replace("      timezone: UTC\n", "      timezone: UTC\n      briefs_dir: ../outside/briefs\n")
        },
    )
    run = brief(root, "check")
    assert run.code == 1
    assert "../outside/briefs/leak.yaml:1:1: error: 'leak.yaml' resolves to" in run.output
    assert "[symlink-escape]" in run.output


# --- brief pdf reads assets through the fetcher ---------------------------------------------------


def png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 200, 10)).save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize("how", ["file-link", "folder-link"])
def test_brief_pdf_does_not_embed_an_image_from_outside(tmp_path: Path, how: str) -> None:
    body = "A map.\n\n![map](../../assets/map.png)\n"
    root = site(tmp_path / "site", pdf=True, briefs={"world/piece.yaml": brief_yaml(body=body)})
    outside = write(tmp_path / "outside", {"map.png": png()})
    if how == "file-link":
        (root / "assets").mkdir()
        (root / "assets" / "map.png").symlink_to(outside / "map.png")
    else:
        (root / "assets").symlink_to(outside)
    run = brief(root, "pdf", "--as-of", "2026-12-01T00:00:00+00:00", timeout=180)
    assert "Traceback" not in run.output
    pdf = root / "build" / "pdf" / "piece.pdf"
    assert pdf.is_file(), run.output
    assert [img for page in PdfReader(pdf).pages for img in page.images] == []
    assert "map.png" in run.output  # the refusal is reported, naming the image


@pytest.mark.parametrize("hidden", ["assets/.private/map.png", "assets/.map.png", "assets/.git/map.png"])
def test_a_pdf_does_not_embed_a_hidden_asset(tmp_path: Path, hidden: str) -> None:
    """The site copy skips hidden files; the PDF fetcher follows the same rule."""
    rel = hidden.removeprefix("assets/")
    body = f"A map.\n\n![map](../../assets/{rel})\n"
    root = site(tmp_path / "site", pdf=True, briefs={"world/piece.yaml": brief_yaml(body=body)})
    write(root, {hidden: png()})
    run = build(root)
    assert run.code == 0, run.output
    pdf = root / "build" / "site" / "pdf" / "piece.pdf"
    assert [img for page in PdfReader(pdf).pages for img in page.images] == []
    assert "hidden files and folders are never published" in run.output
    assert not (root / "build" / "site" / hidden).exists()

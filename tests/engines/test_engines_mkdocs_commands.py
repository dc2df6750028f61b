"""`mkdocs build` and `mkdocs serve`, typed by a user in a briefkit site, give `brief build`'s and `brief serve`'s site."""

from __future__ import annotations

import shutil
import subprocess
import urllib.request

import lxml.html
from enginetools import BIN, env, git_init, h1, run, site_files, tree

from tests.conftest import FileTree, brief_yaml, free_port, wait_until

PDFS = {"pdf/alpha.pdf", "pdf/beta.pdf"}


def test_mkdocs_build_in_a_clone_gives_brief_builds_site(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    git_init(root)
    run("brief", "build", cwd=root)
    by_brief = tree(root / "build" / "site")
    assert set(by_brief) >= PDFS

    # A clone: nothing generated, no build/ folder at all (MkDocs' docs_dir check is met by the committed templates/mkdocs).
    shutil.rmtree(root / "build")
    done = run("mkdocs", "build", cwd=root)
    by_mkdocs = tree(root / "build" / "site")

    assert sorted(by_mkdocs) == sorted(by_brief)
    different = [name for name in by_brief if by_brief[name] != by_mkdocs[name]]
    assert different == [], "mkdocs build and brief build must give byte-identical sites"
    assert h1(root / "build/site/briefs/alpha/index.html") == "Alpha grid deal"
    assert not (root / "build/site/briefs/gamma").exists(), "a draft must not reach the public site"
    assert not (root / "build" / ".mkdocs-command-run").exists(), "MkDocs' own empty run leaves nothing behind"
    assert "built site with 2 brief(s) into build/site/" in done.stderr


def test_mkdocs_build_after_brief_build_keeps_the_pdfs(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    git_init(root)
    run("brief", "build", cwd=root)
    (root / "briefs" / "alpha.yaml").write_text(brief_yaml(title="Alpha grid deal, revised", tags=["Grid"], date="2026-11-20"))
    run("mkdocs", "build", cwd=root)

    site = root / "build" / "site"
    assert set(tree(site)) >= PDFS
    assert (site / "sitemaps" / "pages.xml").is_file()
    assert h1(site / "briefs/alpha/index.html") == "Alpha grid deal, revised"
    # Every PDF a page links to is there.
    for page in site.rglob("*.html"):
        for href in lxml.html.fromstring(page.read_bytes()).xpath("//a/@href"):
            if href.endswith(".pdf") and "://" not in href:
                assert (page.parent / href).resolve().is_file(), f"{page.relative_to(site)} links to a missing {href}"


def test_mkdocs_build_that_cannot_give_briefkits_site_stops_naming_brief(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    git_init(root)
    run("brief", "build", "--no-pdf", cwd=root)
    before = tree(root / "build" / "site")
    for args in (["build", "--site-dir", str(root / "elsewhere")], ["build", "--dirty"], ["gh-deploy"]):
        done = run("mkdocs", *args, cwd=root, check=False)
        assert done.returncode == 1
        errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
        assert len(errors) == 1 and "`brief build`" in errors[0], done.stderr
        assert "Traceback" not in done.stderr
    assert not (root / "elsewhere").exists()
    assert tree(root / "build" / "site") == before


def test_mkdocs_build_reports_brief_problems_with_positions(build_file_tree: FileTree) -> None:
    root = build_file_tree({**site_files(), "briefs/bad.yaml": brief_yaml(title=None)})
    done = run("mkdocs", "build", cwd=root, check=False)
    assert done.returncode == 1
    assert any(line.startswith("briefs/bad.yaml:") and "[missing-field]" in line for line in done.stdout.splitlines()), done.stdout
    assert "Traceback" not in done.stderr
    assert not (root / "build" / "site").exists()


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bytes(response.read())
    except OSError:
        return None


def _headline(url: str) -> str:
    body = _get(url)
    if not body:
        return ""
    heads = lxml.html.fromstring(body).cssselect("h1.bk-head__title")
    return " ".join(heads[0].text_content().split()) if heads else ""


def _wait_for(url: str, wanted: str, timeout: float) -> str:
    """Poll ``url`` until its brief headline is ``wanted``; returns the last headline seen."""
    seen = [""]

    def shows() -> bool:
        seen[0] = _headline(url)
        return seen[0] == wanted

    wait_until(shows, timeout, lambda: f"{url} to show {wanted!r} (last seen {seen[0]!r})", interval=0.5)
    return seen[0]


def test_mkdocs_serve_serves_the_preview_and_a_freshly_edited_brief(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    git_init(root)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = root / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", "--livereload"], cwd=root, env=env(), stdout=out, stderr=out
        )
    try:
        assert _wait_for(f"{base}/briefs/alpha/", "Alpha grid deal", 120) == "Alpha grid deal"
        # The preview, as `brief serve` shows it: the draft is there, with its banner.
        assert _wait_for(f"{base}/briefs/gamma/", "Gamma draft", 10) == "Gamma draft"
        draft = lxml.html.fromstring(_get(f"{base}/briefs/gamma/") or b"<p/>")
        assert draft.cssselect(".bk-announce-preview")

        (root / "briefs" / "alpha.yaml").write_text(brief_yaml(title="Alpha, edited while serving", tags=["Grid"], date="2026-11-20"))
        assert _wait_for(f"{base}/briefs/alpha/", "Alpha, edited while serving", 90) == "Alpha, edited while serving"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    err = log.read_text()
    assert "Traceback" not in err, err


def test_properdocs_build_runs_the_same_plugin(build_file_tree: FileTree) -> None:
    """ProperDocs loads `mkdocs.plugins` entries too: `properdocs build` is `brief build`, PDFs included."""
    root = build_file_tree(site_files())
    git_init(root)
    run("brief", "build", cwd=root)
    by_brief = tree(root / "build" / "site")
    shutil.rmtree(root / "build" / "site")  # else the site is up to date and nothing is rebuilt
    run("properdocs", "build", cwd=root)
    by_properdocs = tree(root / "build" / "site")
    assert sorted(by_properdocs) == sorted(by_brief)
    assert set(by_properdocs) >= PDFS
    generator = lxml.html.fromstring(by_properdocs["briefs/alpha/index.html"]).xpath("//meta[@name='generator']/@content")
    assert generator[0].startswith("mkdocs-ProperDocs"), "the site was built by ProperDocs"

"""`brief import`: every source kind against golden briefs, each checked by the real loader.

Golden files are in tests/importers/golden/; after an intended change, rerun with
BRIEFKIT_UPDATE_GOLDEN=1 and read the diff before committing it.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import socket
from datetime import date
from pathlib import Path

import lxml.html
import pytest
import yaml
from click.testing import CliRunner

from briefkit.cli.main import main
from tests.conftest import FileTree, serve_dir
from tests.importers.docx_fixture import make_docx, rewrite_part
from tests.importers.importer_support import (
    EPOCH,
    GOLDEN,
    SITE,
    SOURCES,
    brief,
    check_against_golden,
    private_feed_server,
    redirecting_server,
)

NOTE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): note: (?P<message>.+) \[(?P<code>import-[a-z-]+)\]$")


def site_with_sources(build_file_tree: FileTree) -> Path:
    root = build_file_tree(SITE)
    shutil.copytree(SOURCES, root / "sources")
    return root


def notes(stdout: str) -> list[tuple[str, int, int, str, str]]:
    """Every note line; any other line on stdout must be a 'created' line."""
    found = []
    for line in stdout.splitlines():
        if line.startswith(("created ", "would write ", "    hint: ")):
            continue
        m = NOTE.match(line)
        assert m, f"not a note line: {line!r}"
        found.append((m["path"], int(m["line"]), int(m["col"]), m["code"], m["message"]))
    return found


def created(stdout: str) -> list[str]:
    return [line.removeprefix("created ") for line in stdout.splitlines() if line.startswith("created ")]


def assert_checks_clean(root: Path) -> None:
    result = brief("check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 error(s), 0 warning(s)" in result.stderr


def test_copied_article(build_file_tree: FileTree) -> None:
    root = site_with_sources(build_file_tree)
    result = brief("import", "sources/article.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    path = "briefs/politics/navy-sailors-work-the-cranes-as-dockers-strike-at-port.yaml"
    assert created(result.stdout) == [path]
    check_against_golden(root / path, "article.yaml")
    data = yaml.safe_load((root / path).read_text(encoding="utf-8"))
    assert data["section"] == "Politics / Conflict & defense / Military Operations"
    assert data["tags"] == ["Port strike", "Ports & shipping", "Critical infrastructure"]  # #Shipping and #CNI are aliases
    assert data["featured"] is True and data["status"] == "draft" and "handling" not in data
    assert data["bluf"] == "" and data["key_points"] == [] and data["sources"] == []
    paragraphs = data["body"].strip().split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[1].endswith("went dark in real-time.") and paragraphs[2].startswith("For a nation of 3.5 million")
    assert "the U.S. liaison office" in paragraphs[2] and paragraphs[4].startswith('"We will not load ships')
    found = notes(result.stdout)
    assert {(p, line, col, code) for p, line, col, code, _ in found} >= {
        ("sources/article.txt", 1, 9, "import-section"),  # Politics|conflict: no case change, the word list
        ("sources/article.txt", 1, 27, "import-section"),  # defense|Military: the case change
        ("sources/article.txt", 3, 145, "import-paragraph"),
        ("sources/article.txt", 3, 264, "import-paragraph"),
        ("sources/article.txt", 5, 1, "import-flag"),
        ("sources/article.txt", 5, 33, "import-tag"),
        ("sources/article.txt", 1, 1, "import-date"),
    }
    lines = (root / "sources/article.txt").read_text(encoding="utf-8").splitlines()
    assert lines[2][144:].startswith("Harbour officials") and lines[4][32:].startswith("#CNI")  # the columns point at the source
    assert_checks_clean(root)


def test_markdown_folder(build_file_tree: FileTree) -> None:
    root = site_with_sources(build_file_tree)
    result = brief("import", "sources/posts")
    assert result.returncode == 0, result.stdout + result.stderr
    paths = sorted(created(result.stdout))
    assert paths == [
        "briefs/cyber/cable-repair-ship-leaves-for-the-north-sea.yaml",
        "briefs/economy/cocoa-exporters-hold-back-forward-sales.yaml",
        "briefs/economy/ferry-operators-add-capacity-on-baltic-routes.yaml",
        "briefs/energy/grid-operator-trials-winter-demand-response.yaml",
        "briefs/energy/spot-lng-cargoes-diverted-to-asia.yaml",
    ]
    for path in paths:
        check_against_golden(root / path, "posts-" + Path(path).name)
    hugo = yaml.safe_load((root / paths[3]).read_text(encoding="utf-8"))
    assert (hugo["date"].isoformat(), hugo["updated"].isoformat(), hugo["status"]) == (
        "2026-11-18T09:30:00+01:00",
        "2026-11-19T12:00:00+01:00",
        "draft",
    )
    codes = {(p, code) for p, _, _, code, _ in notes(result.stdout)}
    assert ("sources/posts/hugo-yaml.md", "import-status") in codes  # draft: false is reported, not obeyed
    assert ("sources/posts/hugo-yaml.md", "import-dropped") in codes  # weight
    assert ("sources/posts/hugo-toml.md", "import-template") in codes
    assert ("sources/posts/2026-11-16-jekyll-cable-repair.md", "import-date") in codes
    assert_checks_clean(root)


def _no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network use is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_feed_files_make_no_request(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = site_with_sources(build_file_tree)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    attempts = _no_network(monkeypatch)
    result = CliRunner().invoke(main, ["import", "sources/feed.atom", "sources/feed.rss"], catch_exceptions=False)
    assert attempts == []
    assert result.exit_code == 0, result.output
    written = {
        "briefs/harbour-watch/pilots-union-threatens-overtime-ban.yaml": "atom-1.yaml",
        "briefs/harbour-watch/new-tug-fleet-arrives.yaml": "atom-2.yaml",
        "briefs/grid-notes/interconnector-back-in-service.yaml": "rss-1.yaml",
    }
    for path, golden in written.items():
        check_against_golden(root / path, golden)
    body = yaml.safe_load((root / "briefs/harbour-watch/pilots-union-threatens-overtime-ban.yaml").read_text(encoding="utf-8"))["body"]
    assert "![A pilot boat](https://images.example.net/pilot-boat.jpg)" in body  # a link, never fetched
    assert "alert(1)" not in body and "- Night arrivals would stop." in body and "## What it means" in body
    monkeypatch.undo()
    assert_checks_clean(root)


def test_feed_from_url(build_file_tree: FileTree) -> None:
    root = site_with_sources(build_file_tree)
    with serve_dir(root / "sources") as base:
        result = brief("import", "--section", "Economy / Trade", f"{base}/feed.rss")
    assert result.returncode == 0, result.stdout + result.stderr
    assert created(result.stdout) == ["briefs/economy/interconnector-back-in-service.yaml"]
    data = yaml.safe_load((root / created(result.stdout)[0]).read_text(encoding="utf-8"))
    assert data["section"] == "Economy / Trade" and data["sources"][0]["url"] == "https://grid.example.org/notes/interconnector"
    assert all(p.startswith(f"{base}/feed.rss") for p, *_ in notes(result.stdout))
    assert_checks_clean(root)


def test_feed_url_redirect_to_ftp_and_dead_server_are_problems(build_file_tree: FileTree) -> None:
    root = build_file_tree(SITE)
    with redirecting_server("ftp://127.0.0.1/feed.rss") as base:
        redirected = brief("import", f"{base}/feed.rss")
    assert redirected.returncode == 1 and "Traceback" not in redirected.stderr
    assert redirected.stdout.startswith(f"{base}/feed.rss:0:0: error: cannot fetch the feed: ")
    assert "redirect to a non-http(s) address: ftp://127.0.0.1/feed.rss" in redirected.stdout
    with serve_dir(root) as base:
        pass  # the server is gone: nothing listens on this port any more
    dead = brief("import", f"{base}/feed.rss")
    assert dead.returncode == 1 and "Traceback" not in dead.stderr
    assert dead.stdout.startswith(f"{base}/feed.rss:0:0: error: cannot fetch the feed: ")


def test_feed_external_entity_is_not_read(build_file_tree: FileTree, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cr3t-token", encoding="utf-8")
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss version='2.0'><channel><title>T</title><item><title>Leak &x; test</title>"
        "<description>Body &x; here.</description><category>Energy security</category></item></channel></rss>"
    )
    root = build_file_tree({**SITE, "feed.xml": feed})
    result = brief("import", "feed.xml")
    assert result.returncode == 0, result.stdout + result.stderr
    texts = [p.read_text(encoding="utf-8") for p in (root / "briefs").rglob("*.yaml")]
    assert len(texts) == 2 and not any("s3cr3t" in text for text in texts)


def test_word_document(build_file_tree: FileTree) -> None:
    root = site_with_sources(build_file_tree)
    (root / "sources/strike.docx").write_bytes(make_docx())
    result = brief("import", "--section", "Economy", "sources/strike.docx")
    assert result.returncode == 0, result.stdout + result.stderr
    path = root / "briefs/economy/strike-ties-up-fuel-deliveries-at-port-veldhaven.yaml"
    check_against_golden(path, "docx.yaml")
    body = yaml.safe_load(path.read_text(encoding="utf-8"))["body"]
    assert "## What is stuck" in body and "- Diesel for the islands" in body
    assert "| Cargo | Ships waiting |\n| --- | --- |\n| Containers | 41 |" in body
    assert "the port authority said.[^1]" in body and "[^1]: Port authority daily report, 24 November 2026." in body
    assert "data:" not in body and "*[image: no description]*" in body  # the picture is not inlined as base64
    assert "sources/strike.docx:1:1: note: 1 embedded image(s) left out; add them to the assets folder and link them [import-image]" in (
        result.stdout.splitlines()
    )
    assert_checks_clean(root)


def test_never_overwrites_and_writes_all_or_nothing(build_file_tree: FileTree) -> None:
    root = site_with_sources(build_file_tree)
    assert brief("import", "sources/article.txt").returncode == 0
    path = root / "briefs/politics/navy-sailors-work-the-cranes-as-dockers-strike-at-port.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: review"), encoding="utf-8")
    before = path.read_bytes()
    again = brief("import", "sources/posts", "sources/article.txt")
    assert again.returncode == 1
    assert (
        "sources/article.txt:1:1: error: slug 'navy-sailors-work-the-cranes-as-dockers-strike-at-port' is already used by "
        "briefs/politics/navy-sailors-work-the-cranes-as-dockers-strike-at-port.yaml; not imported (nothing is overwritten) [slug-taken]"
    ) in again.stdout.splitlines()
    assert "nothing written" in again.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in (root / "briefs").rglob("*.yaml")) == [
        "baltic-ports-add-security-checks.yaml",
        "navy-sailors-work-the-cranes-as-dockers-strike-at-port.yaml",
    ]


def test_same_title_twice_in_one_run_is_refused(build_file_tree: FileTree) -> None:
    root = site_with_sources(build_file_tree)
    shutil.copy(root / "sources/article.txt", root / "sources/copy.txt")
    result = brief("import", "sources/article.txt", "sources/copy.txt")
    assert result.returncode == 1
    assert any(": error: slug 'navy-sailors" in line and "sources/article.txt (in this run)" in line for line in result.stdout.splitlines())
    assert not (root / "briefs/politics").exists()


def test_dry_run_writes_nothing_and_status_option(build_file_tree: FileTree) -> None:
    root = site_with_sources(build_file_tree)
    dry = brief("import", "--dry-run", "sources/article.txt")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "would write briefs/politics/navy-sailors-work-the-cranes-as-dockers-strike-at-port.yaml" in dry.stdout.splitlines()
    assert not (root / "briefs/politics").exists()
    assert brief("import", "--status", "published", "sources/article.txt").returncode == 2  # never published by an import
    review = brief("import", "--status", "review", "sources/article.txt")
    assert review.returncode == 0, review.stdout + review.stderr
    assert yaml.safe_load((root / created(review.stdout)[0]).read_text(encoding="utf-8"))["status"] == "review"


def test_bad_sources_are_problems_not_tracebacks(build_file_tree: FileTree) -> None:
    build_file_tree(
        {
            **SITE,
            "in/broken.md": "---\ntitle: [unclosed\n---\nBody.\n",
            "in/broken.toml.md": "+++\ntitle = \n+++\nBody.\n",
            "in/empty.xml": "<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>",
            "in/fake.docx": b"PK\x03\x04 not really a zip",
            "in/short.txt": "Just a headline\n",
            "in/encoding.rss": b'<?xml version="1.0" encoding="\xad"?><rss version="2.0"><channel><item><title>x</title></item></channel></rss>',
        }
    )
    result = brief("import", "in", "missing.txt")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    for expected in (
        "in/broken.md:3:1: error: YAML syntax error",
        "in/broken.toml.md:2:",
        "in/empty.xml:1:1: error: no feed entries found",
        "in/fake.docx:1:1: error: ",
        "in/encoding.rss:1:1: error: not a feed feedparser can read: ",
        "in/short.txt:1:1: error: expected a section line, a headline and at least one paragraph [not-an-article]",
    ):
        assert any(line.startswith(expected) for line in lines), (expected, lines)
    assert "missing.txt:0:0: error: no such file or folder [no-such-path]" in lines
    assert not any(Path("briefs").rglob("*.yaml")) or sorted(p.name for p in Path("briefs").rglob("*.yaml")) == [
        "baltic-ports-add-security-checks.yaml"
    ]


def test_golden_briefs_pass_brief_check(build_file_tree: FileTree) -> None:
    """The golden files themselves are valid briefs, by the real loader."""
    goldens = sorted(GOLDEN.glob("*.yaml"))
    assert len(goldens) == 10
    build_file_tree({**SITE, **{f"briefs/golden/{p.name}": p.read_text(encoding="utf-8") for p in goldens}})
    result = brief("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(goldens) + 1} file(s) checked: 0 error(s)" in result.stderr


def test_sections_file_teaches_the_splitter(build_file_tree: FileTree) -> None:
    article = (
        "Cyberthreat intelligenceRansomware\nHospital group restores systems\nThe group restored its systems on Friday.\n#Ransomware\n"
    )
    build_file_tree({**SITE, "a.txt": article})
    first = brief("import", "a.txt")
    assert first.returncode == 0, first.stdout + first.stderr
    assert yaml.safe_load(Path(created(first.stdout)[0]).read_text(encoding="utf-8"))["section"] == "Cyberthreat intelligence / Ransomware"
    for path in Path("briefs").rglob("hospital*.yaml"):
        path.unlink()
    Path("briefs/_sections.yml").write_text("- Cyber / Threat intelligence / Ransomware\n", encoding="utf-8")
    second = brief("import", "a.txt")
    assert second.returncode == 0, second.stdout + second.stderr
    data = yaml.safe_load(Path(created(second.stdout)[0]).read_text(encoding="utf-8"))
    assert data["section"] == "Cyber / Threat intelligence / Ransomware"
    Path("briefs/_sections.yml").write_text("Cyber: yes\n", encoding="utf-8")
    bad = brief("import", "--dry-run", "a.txt")
    assert bad.returncode == 1
    assert "briefs/_sections.yml:1:1: error: _sections.yml must be a list of section paths [not-a-list]" in bad.stdout.splitlines()


def test_url_password_is_sent_as_basic_auth_and_never_printed_or_written(build_file_tree: FileTree) -> None:
    root = site_with_sources(build_file_tree)
    feed = (root / "sources/feed.rss").read_bytes()
    with private_feed_server(feed, "Basic " + base64.b64encode(b"editor:hunter 2").decode()) as base:
        refused = brief("import", f"{base}/feed.rss")
        result = brief("import", base.replace("http://", "http://editor:hunter%202@") + "/feed.rss")
    assert refused.returncode == 1 and "HTTP Error 401" in refused.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "hunter" not in result.stdout + result.stderr
    assert f"{base}/feed.rss:7:1: note: summary taken from its first paragraph [import-summary]" in result.stdout.splitlines()
    assert [p.name for p in (root / "briefs").rglob("*.yaml") if "hunter" in p.read_text(encoding="utf-8")] == []
    assert (root / "briefs/grid-notes/interconnector-back-in-service.yaml").is_file()


def test_odd_hashtags_and_file_names(build_file_tree: FileTree) -> None:
    article = "News\nHarbour reopens after the storm\nThe harbour reopened on Friday.\n#— #Storms\n"
    root = build_file_tree({**SITE, "in/odd\nname.txt": article})
    result = brief("import", "in")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (root / "briefs/news/harbour-reopens-after-the-storm.yaml").read_text(encoding="utf-8")
    assert "# Imported from in/odd?name.txt: check" in text
    assert yaml.safe_load(text)["tags"] == ["Storms"]
    assert "tag '—' has no letters or digits; left out [import-tag]" in result.stdout


def test_word_documents_external_entity_and_broken_parts(build_file_tree: FileTree, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cr3t-token", encoding="utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'

    def entity(xml: str) -> str:
        head, rest = xml.split("?>", 1)
        return head + "?>" + doctype + rest.replace("Talks resume on Thursday.", "Talks &x; resume.", 1)

    good = make_docx()
    root = build_file_tree(
        {
            **SITE,
            "in/entity.docx": rewrite_part(good, "word/document.xml", entity),
            "bad/truncated.docx": rewrite_part(good, "word/document.xml", lambda xml: xml[:300]),
            "bad/no-body.docx": rewrite_part(good, "word/document.xml", lambda xml: None),
        }
    )
    result = brief("import", "in/entity.docx")
    assert result.returncode == 0, result.stdout + result.stderr
    (written,) = (root / "briefs").rglob("strike-*.yaml")
    text = written.read_text(encoding="utf-8")
    assert "Talks resume." in text and "s3cr3t" not in text  # the entity is dropped, never read
    bad = brief("import", "bad")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "internal error" not in bad.stderr
    for name in ("no-body", "truncated"):
        assert any(line.startswith(f"bad/{name}.docx:1:1: error: not a Word document") for line in bad.stdout.splitlines()), bad.stdout


def test_new_site_imports_then_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new user: brief init, import the copied article, the posts and a .docx, build the preview, read the pages."""
    monkeypatch.chdir(tmp_path)
    assert brief("init", "desk").returncode == 0
    monkeypatch.chdir(tmp_path / "desk")
    shutil.copytree(SOURCES, "in")
    Path("in/strike.docx").write_bytes(make_docx())
    result = brief("import", "in/article.txt", "in/posts", "in/strike.docx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(created(result.stdout)) == 7
    public = brief("build", "--no-pdf")
    preview = brief("build", "--preview", "--no-pdf")
    assert public.returncode == 0 and preview.returncode == 0, public.stderr + preview.stderr
    assert not Path("build/site/briefs/strike-ties-up-fuel-deliveries-at-port-veldhaven").exists()  # drafts are not public

    def body(slug: str) -> lxml.html.HtmlElement:
        page = lxml.html.parse(f"build/preview/site/briefs/{slug}/index.html").getroot()
        (found,) = page.cssselect(".bk-brief .bk-body")
        return found

    article = body("navy-sailors-work-the-cranes-as-dockers-strike-at-port")
    paragraphs = [" ".join(p.text_content().split()) for p in article.cssselect("p")]
    assert len(paragraphs) == 6 and paragraphs[2].startswith("For a nation of 3.5 million")
    word = body("strike-ties-up-fuel-deliveries-at-port-veldhaven")
    assert [h.text_content().removesuffix("¶").strip() for h in word.cssselect("h2")] == ["What is stuck"]  # ¶: the anchor link
    assert [li.text_content() for li in word.cssselect("ul > li")] == ["Diesel for the islands", "Jet fuel for the air base"]
    rows = [[c.text_content().strip() for c in tr.cssselect("th, td")] for tr in word.cssselect("table tr")]
    assert rows == [["Cargo", "Ships waiting"], ["Containers", "41"], ["Tankers", "6"]]
    (note_text,) = word.cssselect(".footnote li")
    assert "Port authority daily report, 24 November 2026." in note_text.text_content()
    assert word.cssselect("a.footnote-ref")
    hugo = body("grid-operator-trials-winter-demand-response")
    assert [a.get("href") for a in hugo.cssselect("a") if "grid.example.org" in (a.get("href") or "")] == [
        "https://grid.example.org/notes/dr"
    ]


def test_a_fifo_is_refused_not_opened(build_file_tree: FileTree) -> None:
    root = build_file_tree(SITE)
    (root / "in").mkdir()
    os.mkfifo(root / "in/pipe.txt")  # opening it would block until a writer comes: a hang
    result = brief("import", "in", "in/pipe.txt")  # brief() has a timeout: a hang fails the test
    assert result.returncode == 1
    assert result.stdout.splitlines().count("in/pipe.txt:0:0: error: not a regular file; not read [not-a-file]") == 2


def test_site_default_handling_is_written(build_file_tree: FileTree) -> None:
    """With the site option default_handling (added by another branch), imports carry that label.

    The option is given through a subclass of the options model, so the test runs the same
    before and after that branch is merged.
    """
    from briefkit.config import load_config
    from briefkit.importers.run import plan
    from briefkit.options import BriefkitOptions

    class WithDefault(BriefkitOptions):
        default_handling: str | None = "TLP:AMBER"

    root = site_with_sources(build_file_tree)
    config = load_config(root)
    config = config.model_copy(update={"options": WithDefault(**config.options.model_dump(exclude={"default_handling"}))})
    result = plan(config, ["sources/article.txt"], today=date(2026, 11, 26), section=None, status="draft")
    assert result.errors == []
    (item,) = result.planned
    assert yaml.safe_load(item.text)["handling"] == "TLP:AMBER"

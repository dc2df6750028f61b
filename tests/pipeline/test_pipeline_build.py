"""``brief build`` as a whole: atomic, reproducible, incremental, with errors in PATH:LINE:COL form."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from briefkit.cli.main import main
from tests.conftest import FileTree, brief_yaml, site_config

MKDOCS_YML = site_config("Build Desk", timezone=None)


def site_files(extra: dict[str, str | bytes] | None = None) -> dict[str, str | bytes]:
    return {
        "mkdocs.yml": MKDOCS_YML,
        "briefs/alpha.yaml": brief_yaml(title="Alpha", tags=["Shared", "Only alpha"], date="2026-11-20", body="Alpha body.\n"),
        "briefs/beta.yaml": brief_yaml(title="Beta", tags=["Shared"], date="2026-11-18", body="Beta body.\n"),
        "briefs/gamma.yaml": brief_yaml(title="Gamma", tags=["Gamma tag"], date="2026-10-02", body="Gamma body.\n"),
        **(extra or {}),
    }


def brief(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def snapshot(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under ``root`` with its inode, mtime and bytes."""
    out = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        st = path.stat()
        out[path.relative_to(root).as_posix()] = (st.st_ino, st.st_mtime_ns, path.read_bytes())
    return out


def staging_leftovers(root: Path) -> list[str]:
    return [p.name for p in (root / "build").iterdir() if p.name.startswith(".site")]


def test_build_writes_site_and_reports(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    result = brief("build")
    assert result.exit_code == 0, result.output
    assert "built site with 3 brief(s) into build/site/" in result.output
    assert (root / "build/site/briefs/alpha/index.html").is_file()
    assert (root / "build/docs/briefs/alpha/index.md").is_file()
    assert (root / "build/overrides/main.html").is_file()
    assert staging_leftovers(root) == []
    assert oct((root / "build/site").stat().st_mode & 0o777) == "0o755"


def test_invalid_brief_fails_with_positions_and_leaves_the_site(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    assert brief("build").exit_code == 0
    before = snapshot(root / "build/site")
    (root / "briefs/broken.yaml").write_text(
        "title: Broken\nsummary: x\nsection: A\ndate: 2026-13-45\ntags: [x]\nbody: y\n", encoding="utf-8"
    )
    result = brief("build")
    assert result.exit_code == 1
    assert re.search(r"^briefs/broken\.yaml:4:7: error: invalid date '2026-13-45'", result.output, re.M), result.output
    assert snapshot(root / "build/site") == before
    assert staging_leftovers(root) == []


def test_template_syntax_error_names_the_template_line(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files({"templates/site/brief.md.j2": "{{ front_matter }}\n\n{% if %}\n"}))
    result = brief("build")
    assert result.exit_code == 1
    assert re.search(r"^templates/site/brief\.md\.j2:3:0: error: TemplateSyntaxError", result.output, re.M), result.output
    assert not (root / "build/site").exists()


def test_template_runtime_error_names_the_template_line(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    assert brief("build").exit_code == 0
    before = snapshot(root / "build/site")
    (root / "templates/site/partials").mkdir(parents=True)
    (root / "templates/site/partials/tag.html.j2").write_text("<div>\n{{ no_such_thing.attr }}\n</div>\n", encoding="utf-8")
    result = brief("build")
    assert result.exit_code == 1
    assert re.search(
        r"^templates/site/partials/tag\.html\.j2:2:0: error: UndefinedError: 'no_such_thing' is undefined", result.output, re.M
    ), result.output
    assert snapshot(root / "build/site") == before


def test_theme_override_error_fails_in_mkdocs_and_leaves_the_site(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    assert brief("build").exit_code == 0
    before = snapshot(root / "build/site")
    (root / "templates/overrides").mkdir(parents=True)
    (root / "templates/overrides/main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}{% if %}{% endblock %}\n', encoding="utf-8"
    )
    result = brief("build")
    assert result.exit_code == 1
    assert re.search(r"^templates/overrides/main\.html:2:0: error: TemplateSyntaxError", result.output, re.M), result.output
    assert "Traceback" not in result.output
    assert snapshot(root / "build/site") == before
    assert staging_leftovers(root) == []


def test_mkdocs_config_error_is_a_briefkit_error(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    assert brief("build").exit_code == 0
    before = snapshot(root / "build/site")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("name: material", "name: no-such-theme"), encoding="utf-8")
    result = brief("build")
    assert result.exit_code == 1
    assert "MkDocs cannot use mkdocs.yml" in result.output
    assert re.search(r"^mkdocs\.yml:4:9: error: .*no-such-theme", result.output, re.M), result.output  # the theme name line
    assert snapshot(root / "build/site") == before


def test_reproducible_with_source_date_epoch(build_file_tree: FileTree, tmp_path: Path) -> None:
    first = build_file_tree(site_files())
    second = tmp_path / "elsewhere" / "copy"
    shutil.copytree(first, second, ignore=shutil.ignore_patterns("build"))
    env = {"SOURCE_DATE_EPOCH": "1764000000"}
    assert brief("build", env=env).exit_code == 0
    assert brief("build", "-f", str(second / "mkdocs.yml"), env=env).exit_code == 0
    a, b = snapshot(first / "build/site"), snapshot(second / "build/site")
    assert sorted(a) == sorted(b)
    assert {"sitemap.xml.gz", "feed.xml", "search/search_index.json"} <= set(a)
    assert [name for name in a if a[name][2] != b[name][2]] == []


def test_only_changed_docs_are_rewritten_and_stale_ones_removed(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    assert brief("build").exit_code == 0
    before = snapshot(root / "build/docs")
    (root / "briefs/alpha.yaml").write_text(
        brief_yaml(title="Alpha", tags=["Shared", "Only alpha"], date="2026-11-20", body="New alpha body.\n"), encoding="utf-8"
    )
    result = brief("build")
    assert result.exit_code == 0, result.output
    after = snapshot(root / "build/docs")
    changed = {name for name in after if name in before and after[name][:2] != before[name][:2]}
    # The body shows on its page and in the feeds that carry the brief; listings show only summaries.
    assert changed == {"briefs/alpha/index.md", "feed.xml", "tags/shared/feed.xml", "tags/only-alpha/feed.xml"}
    assert all(after[name][2] == before[name][2] for name in after if name not in changed)
    assert set(after) == set(before)

    (root / "briefs/gamma.yaml").unlink()
    assert brief("build").exit_code == 0
    removed = set(before) - set(snapshot(root / "build/docs"))
    assert {"briefs/gamma/index.md", "tags/gamma-tag/index.md", "tags/gamma-tag/feed.xml", "archive/2026/10/index.md"} <= removed
    assert not (root / "build/docs/briefs/gamma").exists()
    assert not (root / "build/site/briefs/gamma").exists()


def test_unchanged_inputs_skip_mkdocs(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    assert brief("build").exit_code == 0
    site = root / "build/site"
    before = (site.stat().st_ino, snapshot(site))
    result = brief("build")
    assert "site is up to date" in result.output
    # Touching a file changes nothing that feeds the site.
    os.utime(root / "briefs/alpha.yaml")
    result = brief("build")
    assert "site is up to date" in result.output
    assert (site.stat().st_ino, snapshot(site)) == before
    result = brief("build", "--clean")
    assert "built site" in result.output
    assert site.stat().st_ino != before[0]
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("Build Desk", "Build Desk Two"), encoding="utf-8")
    result = brief("build")
    assert "built site" in result.output
    assert b"Build Desk Two" in (site / "index.html").read_bytes()


def test_a_failed_build_forgets_the_manifest(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files())
    assert brief("build").exit_code == 0
    (root / "templates/overrides").mkdir(parents=True)
    (root / "templates/overrides/main.html").write_text("{% if %}", encoding="utf-8")
    assert brief("build").exit_code == 1
    (root / "templates/overrides/main.html").unlink()
    result = brief("build")
    assert "built site" in result.output, result.output


def test_as_of_decides_embargoes(build_file_tree: FileTree) -> None:
    root = build_file_tree(
        site_files({"briefs/later.yaml": brief_yaml(title="Later", date="2026-11-28", publish_at="2026-12-05T09:00:00+00:00")})
    )
    assert brief("build", "--as-of", "2026-12-01T00:00:00Z").exit_code == 0
    assert not (root / "build/site/briefs/later").exists()
    assert brief("build", "--as-of", "2026-12-05T09:00:00+00:00").exit_code == 0
    assert (root / "build/site/briefs/later/index.html").is_file()


def test_preview_builds_elsewhere_and_never_touches_the_public_site(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files({"briefs/draft.yaml": brief_yaml(title="Draft", status="draft")}))
    assert brief("build").exit_code == 0
    before = snapshot(root / "build/site")
    result = brief("build", "--preview")
    assert result.exit_code == 0, result.output
    assert "built preview with 4 brief(s) into build/preview/site/" in result.output
    assert (root / "build/preview/site/briefs/draft/index.html").is_file()
    assert snapshot(root / "build/site") == before
    assert not (root / "build/site/briefs/draft").exists()


def test_bad_address_for_serve_is_a_usage_error(build_file_tree: FileTree) -> None:
    build_file_tree(site_files())
    result = brief("serve", "-a", "localhost")
    assert result.exit_code == 2
    assert "'localhost' is not HOST:PORT" in result.output


def test_mkdocs_warnings_go_through_the_reporter(build_file_tree: FileTree) -> None:
    root = build_file_tree(site_files({"mkdocs.yml": MKDOCS_YML + "no_such_setting: 1\n"}))
    result = brief("build")
    assert result.exit_code == 0, result.output
    line = len((MKDOCS_YML + "no_such_setting: 1\n").splitlines())  # config warnings come with their position
    assert re.search(rf"^mkdocs\.yml:{line}:18: warning: .*no_such_setting \[mkdocs-config\]$", result.output, re.M), result.output
    assert "INFO" not in result.output and "Cleaning site directory" not in result.output
    assert (root / "build/site/index.html").is_file()

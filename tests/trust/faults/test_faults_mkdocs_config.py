"""MkDocs' own config errors point at their line and column in mkdocs.yml, and never show a traceback.

Before, every one was reported at ``mkdocs.yml:0:0``, and a bogus option of a
Markdown extension came with the extension's raw traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from faulttools import brief, make_site

from tests.conftest import site_config

BASE = site_config(
    "Test",
    site_url=None,
    markdown_extensions="- admonition\n- toc:\n    permalink: true\n- pymdownx.highlight:\n    anchor_linenums: true",
    timezone=None,
    default_handling=None,
)

# name -> (edit of BASE, expected "line:col: error: message")
CASES = {
    "unknown theme": (
        ("  name: material", "  name: nosuchtheme"),
        "3:9: error: Config value 'theme': Unrecognised theme name: 'nosuchtheme'.",
    ),
    "bogus option of an extension": (
        ("      permalink: true", "      permalink: true\n      bogus: 1"),
        "9:7: error: Config value 'markdown_extensions': extension 'toc' has no option 'bogus' [mkdocs-config]",
    ),
    "bogus option of a dotted extension": (
        ("      anchor_linenums: true", "      anchor_linenums: true\n      not_an_option: x"),
        "11:7: error: Config value 'markdown_extensions': extension 'pymdownx.highlight' has no option 'not_an_option' [mkdocs-config]",
    ),
    "unknown extension": (
        ("  - admonition", "  - admonition\n  - nosuchext"),
        "7:5: error: Config value 'markdown_extensions': Failed to load extension 'nosuchext'.",
    ),
    "plugin not installed": (
        ("  - search", "  - search\n  - nosuchplugin"),
        "13:5: error: Config value 'plugins': The \"nosuchplugin\" plugin is not installed",
    ),
    "bad nav item": (
        ("plugins:", "nav:\n  - Home: index.md\n  - 3\nplugins:"),
        "13:5: error: Config value 'nav': Expected nav item to be a string or dict, got a int: 3",
    ),
    "wrong type of a top-level value": (
        ("site_name: Test", "site_name: Test\nsite_url: 5"),
        "2:11: error: Config value 'site_url': Expected a string, got",
    ),
    "wrong type of a boolean": (
        ("site_name: Test", "site_name: Test\nuse_directory_urls: maybe"),
        "2:21: error: Config value 'use_directory_urls': Expected type: <class 'bool'> but received: <class 'str'>",
    ),
    "use_directory_urls false": (
        ("site_name: Test", "site_name: Test\nuse_directory_urls: false"),
        "2:21: error: 'use_directory_urls' is false; briefkit's URLs are /briefs/<slug>/ [mkdocs-config]",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_mkdocs_config_error_has_its_position_and_no_traceback(tmp_path: Path, case: str) -> None:
    (old, new), expected = CASES[case]
    assert BASE.count(old) == 1
    root = make_site(tmp_path, "Version one")
    (root / "mkdocs.yml").write_text(BASE.replace(old, new), encoding="utf-8")
    result = brief(root, "build")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and 'File "' not in output, output
    problems = [line for line in output.splitlines() if line.startswith("mkdocs.yml:")]
    assert len(problems) == 1, output
    assert problems[0].startswith(f"mkdocs.yml:{expected}"), output
    assert not (root / "build/site").exists()


def test_mkdocs_config_warnings_have_their_position(tmp_path: Path) -> None:
    root = make_site(tmp_path, "Version one")
    config = BASE.replace("  - search\n", "  - search:\n      bogus_opt: 1\n") + "no_such_setting: 1\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = brief(root, "build")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    warnings = sorted(line for line in output.splitlines() if line.startswith("mkdocs.yml:"))
    assert warnings == [
        "mkdocs.yml:13:7: warning: Config value 'plugins': Plugin 'material/search' option 'bogus_opt': "
        "Unrecognised configuration name: bogus_opt [mkdocs-config]",
        "mkdocs.yml:17:18: warning: Config value 'no_such_setting': Unrecognised configuration name: no_such_setting [mkdocs-config]",
    ], output

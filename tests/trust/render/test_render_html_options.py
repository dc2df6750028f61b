"""`html:` options: dangerous tags and attributes are config problems at their line and column, never a panic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefkit.common.html_policy import REFUSED_ATTRIBUTES, REFUSED_TAGS
from tests.conftest import FileTree, brief_yaml, site_config


def brief(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).parent / "brief"), *args], capture_output=True, text=True, timeout=120)


def config(html: str) -> str:
    options = "html:\n" + "".join(f"  {line}\n" for line in html.splitlines())
    return site_config("x", site_url=None, theme=None, search=False, timezone=None, default_handling=None, pdf=None, options=options)


@pytest.mark.parametrize("tag", sorted(REFUSED_TAGS))
def test_each_refused_tag_is_a_problem_at_its_position(build_file_tree: FileTree, tag: str) -> None:
    build_file_tree({"mkdocs.yml": config(f"extra_tags: [abbr, {tag}]"), "briefs/a.yaml": brief_yaml()})
    result = brief("check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"mkdocs.yml:5:28: error: briefkit option 'html.extra_tags': '{tag}' cannot be allowed in bodies: it {REFUSED_TAGS[tag]} [config-invalid]"
    ]
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr


@pytest.mark.parametrize("attribute", sorted(REFUSED_ATTRIBUTES))
def test_each_refused_attribute_is_a_problem_at_its_position(build_file_tree: FileTree, attribute: str) -> None:
    build_file_tree({"mkdocs.yml": config(f"extra_attributes:\n  span: [lang, {attribute}]"), "briefs/a.yaml": brief_yaml()})
    result = brief("check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"mkdocs.yml:6:24: error: briefkit option 'html.extra_attributes.span': '{attribute}' cannot be allowed in bodies: "
        f"it {REFUSED_ATTRIBUTES[attribute]} [config-invalid]"
    ]


def test_the_reported_variants_are_all_refused_in_one_run(build_file_tree: FileTree) -> None:
    build_file_tree(
        {
            "mkdocs.yml": config(
                'extra_tags: [iframe, base, meta, script, STYLE, " svg ", "x y", details]\n'
                "extra_attributes:\n"
                "  iframe: [srcdoc]\n"
                "  base: [href]\n"
                "  meta: [http-equiv]\n"
                "  img: [onerror, OnLoad, srcset]\n"
                '  "*": [data-note, "bad name"]\n'
                "  a: [target, rel]"
            ),
            "briefs/a.yaml": brief_yaml(),
        }
    )
    result = brief("check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": error: ")[0] for line in lines] == [
        f"mkdocs.yml:{line}:{col}"
        for line, col in [
            *[(5, 22), (5, 30), (5, 36), (5, 42), (5, 50), (5, 57), (5, 66), (7, 11), (7, 20), (8, 11)],
            *[(9, 11), (9, 18), (10, 17), (10, 26), (10, 34), (11, 28), (12, 23)],
        ]
    ]
    assert all(line.endswith("[config-invalid]") for line in lines)
    assert "'x y' is not an HTML element name" in lines[6]
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr


def test_harmless_extras_still_work_in_a_build(build_file_tree: FileTree) -> None:
    root = build_file_tree(
        {
            "mkdocs.yml": config("extra_tags: [section, var]\nextra_attributes:\n  span: [style, data-note]")
            + "  pdf:\n    enabled: false\n".replace("  pdf", "      pdf").replace("    enabled", "        enabled"),
            "briefs/a.yaml": brief_yaml(
                body='<section><var>x</var> <span data-note="n" style="color: navy; position: fixed">y</span></section>\n'
            ),
        }
    )
    result = brief("build")
    assert result.returncode == 0, result.stdout + result.stderr
    import lxml.html

    page = lxml.html.parse(str(root / "build/site/briefs/a/index.html")).getroot()
    spans = page.xpath("//span[@data-note]")
    assert [(s.get("style"), s.getparent().tag) for s in spans] == [("color: navy", "section")]
    assert page.xpath("//var/text()") == ["x"]

"""§1.5: bodies never include files, even with pymdownx.snippets enabled in mkdocs.yml.

One public brief's body tries every form of the snippet syntax on an AMBER
brief, a plain file, .git/config and a section of a notes file.  After a
build with PDFs, no canary may appear in any output file: pages, feeds,
sitemaps, the search index, and the text of every PDF (pdftotext).
`brief check` warns at the exact line of each include.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from inputsite import brief, build, git, git_init, site, write
from leakscan import assert_clean, kinds, pdf_text

from tests.conftest import brief_yaml

AMBER = "cnryamberbrief"
FILE = "cnrysnippetfile"
GIT = "cnrygitconfig"
SECTION = "cnrysection"
CANARIES = [AMBER, FILE, GIT, SECTION]

SNIPPETS = """\
- pymdownx.snippets:
    base_path: ["."]
"""

# (body lines, the 1-based line of each include within the body)
BODY = [
    "Opening paragraph of the public brief.",
    "",
    '--8<-- "briefs/world/amber.yaml"',
    "",
    "A paragraph that continues",
    '--8<-- "secret.txt"',
    "",
    "--8<--",
    "secret.txt",
    ".git/config",
    "--8<--",
    "",
    '-8<- "secret.txt"',
    "",
    '   ---8<--- ".git/config"',
    "",
    ';--8<-- "secret.txt"',
    "",
    '--8<-- "notes.md:secret"',
    "",
    '--8<-- "secret.txt:1:2"',
    "",
    "- a list item",
    "",
    '    --8<-- "secret.txt"',
    "",
    "Closing paragraph.",
]
INCLUDE_LINES = [3, 6, 8, 11, 13, 15, 17, 19, 21, 25]


def public_brief() -> str:
    head = brief_yaml(body=None, title="Public with includes", tags=["Shared"])
    return head + "body: |\n" + "".join(f"  {line}\n" if line else "\n" for line in BODY)


def make(tmp_path: Path, *, pdf: bool, extensions: str = SNIPPETS) -> Path:
    root = site(
        tmp_path / "site",
        pdf=pdf,
        extensions=extensions,
        briefs={
            "world/public.yaml": public_brief(),
            "world/amber.yaml": brief_yaml(title=f"Amber {AMBER}", body=f"Amber body {AMBER}.\n", handling="TLP:AMBER"),
        },
    )
    write(
        root,
        {
            "secret.txt": f"line one {FILE}\nline two {FILE}\n",
            "notes.md": f"before\n<!-- --8<-- [start:secret] -->\nsection {SECTION}\n<!-- --8<-- [end:secret] -->\nafter\n",
        },
    )
    git_init(root)
    git(root, "config", "remote.origin.url", f"https://x-access-token:{GIT}@github.com/o/r")
    return root


@pytest.mark.parametrize("pdf", [True, False], ids=["with-pdf", "no-pdf"])
def test_no_body_include_reaches_any_output(tmp_path: Path, pdf: bool) -> None:
    root = make(tmp_path, pdf=pdf)
    run = build(root, *([] if pdf else ["--no-pdf"]))
    assert run.code == 0, run.output
    out = root / "build" / "site"
    assert {"html", "xml", "json"} <= kinds(out)
    if pdf:
        assert "pdf" in kinds(out)
        assert "Opening paragraph" in pdf_text(out / "pdf" / "public.pdf")
    assert_clean(out, CANARIES)
    # The lines are shown as text: the body is content, not a set of instructions.
    page = (out / "briefs" / "public" / "index.html").read_text(encoding="utf-8")
    assert "Opening paragraph" in page and "Closing paragraph" in page
    assert "8&lt;--" in page


def test_preview_builds_include_nothing_either(tmp_path: Path) -> None:
    root = make(tmp_path, pdf=False)
    run = build(root, "--no-pdf", "--preview")
    assert run.code == 0, run.output
    out = root / "build" / "preview" / "site"
    # The AMBER brief has its own preview page; only its own page may show its text.
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert "briefs/public/index.html" in pages
    assert_clean(out, [FILE, GIT, SECTION])
    public = (out / "briefs" / "public" / "index.html").read_text(encoding="utf-8")
    assert AMBER not in public


def test_check_warns_at_each_include_line(tmp_path: Path) -> None:
    root = make(tmp_path, pdf=False)
    run = brief(root, "check")
    assert run.code == 0, run.output  # a warning: the line is harmless text now
    source = (root / "briefs" / "world" / "public.yaml").read_text(encoding="utf-8").splitlines()
    body_start = source.index("body: |") + 1  # 1-based line of 'body: |'; the body's line 1 is the next one
    expected = []
    for n in INCLUDE_LINES:
        line = source[body_start + n - 1]
        col = len(line) - len(line.lstrip(" ")) + 1
        expected.append(f"briefs/world/public.yaml:{body_start + n}:{col}: warning: bodies never include files")
    found = [line.split(": this line", 1)[0] for line in run.lines() if line.endswith("[body-include]")]
    assert found == expected


@pytest.mark.parametrize(
    "extensions",
    [
        SNIPPETS,
        '- pymdownx.snippets:\n    base_path: ["."]\n    check_paths: true\n',
        '- pymdownx.snippets:\n    base_path: ["."]\n    auto_append: []\n    url_download: false\n',
    ],
    ids=["default", "check-paths", "options"],
)
def test_snippet_options_do_not_matter(tmp_path: Path, extensions: str) -> None:
    root = make(tmp_path, pdf=False, extensions=extensions)
    assert "pymdownx.snippets" in (root / "mkdocs.yml").read_text()
    run = build(root, "--no-pdf")
    assert run.code == 0, run.output
    assert_clean(root / "build" / "site", CANARIES)

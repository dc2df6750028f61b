"""§1.1: no input is read from outside the site root, nor from .git/, however a link gets there.

Each case commits a link in one input location (site assets, briefkit asset
overrides, a site template, the assets folder itself) to one secret: the
process environment, the checkout token in .git/config, /etc/passwd, a
folder outside the site, a chain of links, a relative ``../..`` link.  The
build must stop with a ``path:1:1`` problem naming the link, and no canary
may appear anywhere under build/ (every file scanned by type, PDFs included).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from inputsite import brief, build, git, git_init, site, write
from leakscan import assert_clean, scan

ENV_CANARY = "cnryenvironsecret"
GIT_CANARY = "cnrygittoken"
OUTSIDE_CANARY = "cnryoutsidefile"
PASSWD_LINE = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
CANARIES = [ENV_CANARY, GIT_CANARY, OUTSIDE_CANARY, PASSWD_LINE]


def setup(tmp_path: Path) -> tuple[Path, Path]:
    root = site(tmp_path / "site")
    git_init(root)
    git(root, "config", "remote.origin.url", f"https://x-access-token:{GIT_CANARY}@github.com/o/r")
    outside = write(
        tmp_path / "outside",
        {
            "secret.txt": f"secret {OUTSIDE_CANARY}\n",
            "home.md.j2": f"# {OUTSIDE_CANARY}\n",
            "briefkit.css": f"/* {OUTSIDE_CANARY} */\n",
        },
    )
    return root, outside


def link(at: Path, target: str | Path) -> None:
    at.parent.mkdir(parents=True, exist_ok=True)
    at.symlink_to(target)


# Each target: make a link at the given path, pointing (in the end) at a secret.
Target = Callable[[Path, Path, Path], None]


def to_environ(at: Path, root: Path, outside: Path) -> None:
    link(at, "/proc/self/environ")


def to_git_config(at: Path, root: Path, outside: Path) -> None:
    link(at, root / ".git" / "config")


def to_git_config_relative(at: Path, root: Path, outside: Path) -> None:
    link(at, os.path.relpath(root / ".git" / "config", at.parent))


def to_passwd(at: Path, root: Path, outside: Path) -> None:
    link(at, "/etc/passwd")


def to_outside_relative(at: Path, root: Path, outside: Path) -> None:
    link(at, os.path.relpath(outside / "secret.txt", at.parent))  # ../../outside/secret.txt


def to_chain(at: Path, root: Path, outside: Path) -> None:
    """Two hops inside the root, the last one out: each link alone looks harmless."""
    link(root / "media" / "hop2.txt", "../../outside/secret.txt")
    link(root / "media" / "hop1.txt", "hop2.txt")
    link(at, os.path.relpath(root / "media" / "hop1.txt", at.parent))


TARGETS: dict[str, Target] = {
    "proc-environ": to_environ,
    "git-config": to_git_config,
    "git-config-relative": to_git_config_relative,
    "etc-passwd": to_passwd,
    "relative-dotdot": to_outside_relative,
    "chain": to_chain,
}

# Where a link is committed, and the file name a build would read there.
LOCATIONS = {
    "site-asset": "assets/data.txt",
    "site-asset-nested": "assets/img/deep/data.txt",
    "asset-override": "templates/assets/briefkit.css",
    "extra-asset": "templates/assets/extra.txt",
    "site-template": "templates/site/home.md.j2",
}


def assert_refused(run_output: str, code: int, shown: str, problem: str) -> None:
    assert code == 1, run_output
    lines = [line for line in run_output.splitlines() if line.startswith(f"{shown}:1:1: error: ")]
    assert lines, f"no problem line for {shown}:\n{run_output}"
    assert lines[0].endswith(f"[{problem}]"), lines[0]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("location", LOCATIONS)
def test_a_link_to_a_secret_stops_the_build_and_nothing_leaks(tmp_path: Path, location: str, target: str) -> None:
    root, outside = setup(tmp_path)
    at = root / LOCATIONS[location]
    TARGETS[target](at, root, outside)

    run = build(root, "--no-pdf", env={"BRIEFKIT_TEST_SECRET": ENV_CANARY})
    assert_refused(run.output, run.code, LOCATIONS[location], "symlink-escape")
    assert "hint: " in run.output
    assert not (root / "build" / "site").exists()
    if (root / "build").exists():
        assert_clean(root / "build", CANARIES)

    checked = brief(root, "check")  # the same files are reported before any build
    assert_refused(checked.output, checked.code, LOCATIONS[location], "symlink-escape")


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("outside-folder", lambda root, outside: link(root / "assets" / "shared", outside)),
        ("outside-folder-relative", lambda root, outside: link(root / "assets" / "shared", "../../outside")),
        ("git-folder", lambda root, outside: link(root / "assets" / "shared", "../.git")),
        ("assets-folder-itself", lambda root, outside: link(root / "assets", outside)),
        ("templates-folder-itself", lambda root, outside: link(root / "templates", outside)),
        ("template-subfolder", lambda root, outside: link(root / "templates" / "site", outside)),
        ("asset-override-folder", lambda root, outside: link(root / "templates" / "assets", outside)),
    ],
)
def test_a_linked_folder_out_of_the_root_is_never_entered(tmp_path: Path, name: str, make: Callable[[Path, Path], None]) -> None:
    root, outside = setup(tmp_path)
    make(root, outside)
    run = build(root, "--no-pdf")
    assert run.code == 1, run.output
    assert "[symlink-escape]" in run.output, run.output
    assert not (root / "build" / "site").exists()
    if (root / "build").exists():
        assert_clean(root / "build", CANARIES)


def test_a_link_inside_the_root_is_still_followed(tmp_path: Path) -> None:
    """The rule is about where a link ends, not links as such; and the scan does find what is published."""
    root, _ = setup(tmp_path)
    write(root, {"media/logo.txt": "in-root cnryinroot\n"})
    link(root / "assets" / "logo.txt", "../media/logo.txt")
    link(root / "assets" / "alias", "../media")
    run = build(root, "--no-pdf")
    assert run.code == 0, run.output
    published = root / "build" / "site" / "assets"
    assert (published / "logo.txt").read_text() == "in-root cnryinroot\n"
    assert (published / "alias" / "logo.txt").read_text() == "in-root cnryinroot\n"
    assert {f.path for f in scan(root / "build" / "site", ["cnryinroot"])} >= {"assets/logo.txt", "assets/alias/logo.txt"}


def test_a_link_loop_is_walked_once(tmp_path: Path) -> None:
    root, _ = setup(tmp_path)
    write(root, {"assets/a/file.txt": "x\n"})
    link(root / "assets" / "a" / "again", "..")
    run = build(root, "--no-pdf")
    assert run.code == 0, run.output
    assert (root / "build" / "site" / "assets" / "a" / "file.txt").is_file()


def test_every_refused_file_is_reported_in_one_run(tmp_path: Path) -> None:
    root, outside = setup(tmp_path)
    to_environ(root / "assets" / "env.txt", root, outside)
    to_passwd(root / "templates" / "assets" / "passwd.txt", root, outside)
    to_git_config(root / "assets" / "sub" / "config", root, outside)
    run = build(root, "--no-pdf")
    assert run.code == 1
    reported = {line.split(":", 1)[0] for line in run.lines() if "[symlink-escape]" in line}
    assert reported == {"assets/env.txt", "templates/assets/passwd.txt", "assets/sub/config"}


def test_a_print_template_link_stops_a_pdf_build(tmp_path: Path) -> None:
    root, outside = setup(tmp_path)
    write(root, {"mkdocs.yml": (root / "mkdocs.yml").read_text().replace("enabled: false", "enabled: true")})
    to_outside_relative(root / "templates" / "pdf" / "extra.css", root, outside)
    run = build(root)
    assert_refused(run.output, run.code, "templates/pdf/extra.css", "symlink-escape")
    assert not (root / "build" / "site").exists()
    if (root / "build").exists():
        assert_clean(root / "build", CANARIES)


@pytest.mark.parametrize("target", ["proc-environ", "git-config", "relative-dotdot"])
def test_a_search_script_link_stops_a_pagefind_build(tmp_path: Path, target: str) -> None:
    root, outside = setup(tmp_path)
    write(
        root,
        {"mkdocs.yml": (root / "mkdocs.yml").read_text().replace("      timezone: UTC\n", "      timezone: UTC\n      search: pagefind\n")},
    )
    TARGETS[target](root / "templates" / "search" / "pagefind-search.js", root, outside)
    run = build(root, "--no-pdf", env={"BRIEFKIT_TEST_SECRET": ENV_CANARY})
    assert_refused(run.output, run.code, "templates/search/pagefind-search.js", "symlink-escape")
    assert not (root / "build" / "site").exists()
    if (root / "build").exists():
        assert_clean(root / "build", CANARIES)

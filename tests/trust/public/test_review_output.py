"""``brief diff`` and ``brief status`` output: restricted briefs' content withheld, no control sequence passed on.

The diff is posted as a pull-request comment in the shipped workflow, so a
brief labelled above ``review.redact_above`` (default TLP:CLEAR) shows only
its slug, label, changed field names and counts, in every format.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import brief_yaml
from tests.review.conftest import GitSite
from tests.trust.public.publictools import AS_OF, brief, mkdocs

SECRETS = ["Nightfall", "Bravo", "Xqbody", "Xqinserted", "Xqdeleted", "Xqtag", "Xqauthor", "Xqsection", "Xqsummary", "Xqpoint"]
RESTRICTED = ["TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
FORMATS = ["text", "markdown", "json"]


def secret(label: str, body: str = "Xqbody Xqdeleted words stay here.\n", **fields: object) -> str:
    values: dict[str, object] = {
        "title": "Nightfall targets from partner Bravo",
        "summary": "Xqsummary of the operation.",
        "section": "Xqsection / Europe",
        "tags": ["Xqtag one"],
        "authors": ["Xqauthor Person"],
        "key_points": ["Xqpoint one"],
        "handling": label,
        "body": body,
    }
    return brief_yaml(**{**values, **fields})


def diff(root: Path, fmt: str, *args: str) -> str:
    result = brief(root, "diff", "HEAD", "--as-of", AS_OF, "--format", fmt, *args)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def all_text(out: str, fmt: str) -> str:
    """Output as a reader of that format gets it: JSON decoded (so escapes cannot hide a word)."""
    if fmt == "json":
        return json.dumps(json.loads(out), ensure_ascii=False)
    return out


SITE_TAG_PAGES = {"classified": ("removed_tag_pages", "tag pages removed"), "declassified": ("new_tag_pages", "new tag pages")}


def without_tag_page_line(out: str, fmt: str, key: str, words: str) -> str:
    if fmt == "json":
        data = json.loads(out)
        assert data["public_site"][key] == ["Xqtag one"]
        data["public_site"][key] = []
        return json.dumps(data)
    kept = [line for line in out.splitlines() if not line.lower().startswith(f"{words}: xqtag one")]
    assert len(kept) == len(out.splitlines()) - 1
    return "\n".join(kept)


def start(repo: GitSite, extra: str = "") -> None:
    repo.write("mkdocs.yml", mkdocs(extra))
    repo.write("briefs/open-brief.yaml", brief_yaml(title="An open brief", body="Open words.\n"))


# Each change takes the repository from a committed state to a working-tree state.
def added(repo: GitSite, label: str) -> None:
    repo.commit("Base", "ada", "2026-11-02T09:00:00+00:00")
    repo.write("briefs/ops/nightfall.yaml", secret(label))


def edited(repo: GitSite, label: str) -> None:
    repo.write("briefs/ops/nightfall.yaml", secret(label))
    repo.commit("Base", "ada", "2026-11-02T09:00:00+00:00")
    repo.write("briefs/ops/nightfall.yaml", secret(label, body="Xqbody Xqinserted words stay here.\n", status="review"))


def renamed(repo: GitSite, label: str) -> None:
    repo.write("briefs/ops/nightfall.yaml", secret(label))
    repo.commit("Base", "ada", "2026-11-02T09:00:00+00:00")
    repo.move("briefs/ops/nightfall.yaml", "briefs/archive/nightfall.yaml")
    repo.write("briefs/archive/nightfall.yaml", secret(label, body="Xqbody Xqinserted words stay here.\n"))


def removed(repo: GitSite, label: str) -> None:
    repo.write("briefs/ops/nightfall.yaml", secret(label))
    repo.commit("Base", "ada", "2026-11-02T09:00:00+00:00")
    repo.remove("briefs/ops/nightfall.yaml")


def declassified(repo: GitSite, label: str) -> None:
    # Restricted at the base, CLEAR now: the deleted words were restricted, so the change is withheld.
    repo.write("briefs/ops/nightfall.yaml", secret(label))
    repo.commit("Base", "ada", "2026-11-02T09:00:00+00:00")
    repo.write("briefs/ops/nightfall.yaml", secret("TLP:CLEAR", body="Xqbody Xqinserted words stay here.\n"))


def classified(repo: GitSite, label: str) -> None:
    repo.write("briefs/ops/nightfall.yaml", secret("TLP:CLEAR"))
    repo.commit("Base", "ada", "2026-11-02T09:00:00+00:00")
    repo.write("briefs/ops/nightfall.yaml", secret(label, body="Xqbody Xqinserted words stay here.\n"))


def broken(repo: GitSite, label: str) -> None:
    # Does not validate at HEAD, but its label can be told: judged by it.
    repo.write("briefs/ops/nightfall.yaml", secret(label))
    repo.commit("Base", "ada", "2026-11-02T09:00:00+00:00")
    repo.write("briefs/ops/nightfall.yaml", secret(label, status="Xqinserted-status"))


CHANGES = {f.__name__: f for f in (added, edited, renamed, removed, declassified, classified, broken)}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("label", RESTRICTED)
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_restricted_content_is_withheld_in_every_format(repo: GitSite, change: str, label: str, fmt: str) -> None:
    start(repo)
    CHANGES[change](repo, label)
    out = diff(repo.root, fmt)
    if change in SITE_TAG_PAGES:
        # The site-wide list of tag pages that appear or go names a tag that is public on one side.
        out = without_tag_page_line(out, fmt, *SITE_TAG_PAGES[change])
    shown = all_text(out, fmt)
    assert [s for s in SECRETS if s in shown] == []
    assert "nightfall" in shown  # the slug stays
    assert label in shown or change == "broken"  # the label stays (a broken file shows the label's effect, not its text)
    assert "withheld" in shown


@pytest.mark.parametrize("fmt", FORMATS)
def test_field_names_and_counts_stay(repo: GitSite, fmt: str) -> None:
    start(repo)
    edited(repo, "TLP:AMBER")
    out = all_text(diff(repo.root, fmt), fmt)
    assert "status" in out and "review" in out  # a label field: shown
    assert "1 word inserted, 1 deleted" in out  # the body's word diff: counted
    assert "Body" in out or '"body"' in out  # the field name: text label, or JSON field


def test_a_clear_brief_is_shown_in_full(repo: GitSite) -> None:
    start(repo)
    edited(repo, "TLP:CLEAR")
    out = diff(repo.root, "text")
    assert "Nightfall targets from partner Bravo" in out and "Xqinserted" in out and "withheld" not in out


def test_the_threshold_is_configurable(repo: GitSite) -> None:
    start(repo, "review:\n  redact_above: TLP:AMBER")
    repo.write("briefs/ops/amber.yaml", secret("TLP:AMBER"))
    repo.write("briefs/ops/red.yaml", secret("TLP:RED", title="Xqred title"))
    repo.commit("Base", "ada", "2026-11-02T09:00:00+00:00")
    repo.write("briefs/ops/amber.yaml", secret("TLP:AMBER", body="Xqbody Xqinserted words stay here.\n"))
    repo.write("briefs/ops/red.yaml", secret("TLP:RED", title="Xqred title", body="Xqredword.\n"))
    out = diff(repo.root, "markdown")
    assert "Xqinserted" in out  # AMBER is not above TLP:AMBER
    assert "Xqred" not in out  # RED is


@pytest.mark.parametrize("raw", ["title: [broken\n", "title: x\nhandling: TLP:AMBRE\nbody: Xqinserted\n", b"\xff\xfeXqinserted"])
def test_a_file_whose_label_cannot_be_told_is_withheld(repo: GitSite, raw: str | bytes) -> None:
    start(repo)
    repo.commit("Base", "ada", "2026-11-02T09:00:00+00:00")
    path = repo.root / "briefs/ops/nightfall.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(raw if isinstance(raw, bytes) else raw.encode())
    for fmt in FORMATS:
        shown = all_text(diff(repo.root, fmt), fmt)
        assert "Xqinserted" not in shown and "AMBRE" not in shown and "nightfall" in shown


# --- control sequences ---------------------------------------------------------------------------

# YAML double-quoted escapes: \e is ESC, \a is BEL, \x9b is the C1 CSI, \u202e a right-to-left override.
HOSTILE = [
    r"\e]0;owned\a",  # OSC: set the window title
    r"\e]8;;https://evil.example/\aclick\e]8;;\a",  # OSC 8 hyperlink
    r"\e[2K\r",  # erase the line, back to its start
    r"\e[1A\e[2K",  # up one line and erase it: the 'becomes public' line
    r"\x9b2K",  # C1 CSI
    r"\u202eoverride",  # bidi override
    r"\u2066isolate\u2069",
    r"\x00\x7f\x85",
]
_OUR_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


def raw_controls(out: str) -> list[str]:
    """Control characters left after our own colour codes are taken out."""
    rest = _OUR_COLOURS.sub("", out)
    return [
        hex(ord(c))
        for c in rest
        if (ord(c) < 0x20 and c not in "\n\t")
        or 0x7F <= ord(c) < 0xA0
        or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    ]


def hostile_brief(seq: str) -> str:
    return (
        f'title: "Harmless {seq} title"\n'
        "summary: A summary.\nsection: Energy\ndate: 2026-11-02\ntags: [Gas]\nstatus: published\n"
        "authors: [Ada Lovelace]\nhandling: TLP:CLEAR\n"
        f'body: "Body with {seq} inside."\n'
    )


@pytest.mark.parametrize("seq", HOSTILE)
def test_no_control_sequence_reaches_diff_or_status_output(repo: GitSite, seq: str) -> None:
    start(repo)
    repo.commit("Base", "ada", "2026-11-02T09:00:00+00:00")
    repo.write("briefs/energy/hostile.yaml", hostile_brief(seq))
    checked = brief(repo.root, "check")
    outputs = {fmt: diff(repo.root, fmt) for fmt in FORMATS}
    outputs["text --color"] = diff(repo.root, "text", "--color")
    for fmt in ("text", "json"):
        result = brief(repo.root, "status", "--as-of", AS_OF, "--format", fmt)
        assert result.exit_code == 0
        outputs[f"status {fmt}"] = result.stdout
    for name, out in outputs.items():
        assert raw_controls(out) == [], name
    if checked.exit_code == 0:  # while titles with controls validate, they are shown escaped
        assert "\\x1b" in outputs["text"] or "\\x9b" in outputs["text"] or "\\u20" in outputs["text"] or "\\x00" in outputs["text"]
        assert "becomes public" in outputs["text"]


def test_safe_escapes_every_class_and_keeps_text() -> None:
    from briefkit.common.terminal import safe

    assert safe("a\tb\nc") == "a\tb\nc"
    assert safe("\x1b[2K") == "\\x1b[2K"
    assert safe("\x07\x9b\x7f") == "\\x07\\x9b\\x7f"
    assert safe("x\u202ey\u2069") == "x\\u202ey\\u2069"
    assert safe("Zürich — ünïcödé ✓") == "Zürich — ünïcödé ✓"
    every = "".join(chr(c) for c in range(0x2100))
    assert raw_controls(safe(every)) == []

"""STIX bundles and digests for an edition's audience: what that edition holds, tearline versions included, and no more."""

from __future__ import annotations

import email
import json
from email import policy
from email.message import EmailMessage
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import FileTree, brief_yaml
from tests.outbound.outbound_support import EPOCH, outbound_site, run

EDITIONS = """      editions:
        partners:
          handling: TLP:GREEN
          title: Partner edition
          site_url: https://partners.example.org/
"""

TEARLINE_TITLE = "Drone incursions likely launched from the coast"
FULL_TITLE = "Drone launch team works from a KESTRELBOAT boathouse"
"""The AMBER brief's own title: only its TLP:CLEAR tearline may go to partners or the public."""


def site(build_file_tree: FileTree) -> Path:
    root = outbound_site(build_file_tree, extra_config=EDITIONS)
    tearline = {
        "handling": "TLP:CLEAR",
        "title": TEARLINE_TITLE,
        "summary": "The drones probably started near the coast.",
        "body": "Report sightings.\n",
    }
    (root / "briefs" / "amber-drones.yaml").write_text(
        brief_yaml(
            title=FULL_TITLE,
            summary="Intercepts place KESTRELBOAT operators in the outer harbour.",
            body="The KESTRELBOAT lease was paid in cash.\n",
            handling="TLP:AMBER",
            date="2026-11-12",
            tearlines=[tearline],
        ),
        encoding="utf-8",
    )
    return root


def bundle_names(root: Path, folder: str) -> set[str]:
    data = json.loads((root / folder / "bundle.json").read_text(encoding="utf-8"))
    return {o["name"] for o in data["objects"] if o["type"] == "report"}


def test_stix_for_partners_holds_green_and_the_tearline_and_no_amber_text(
    build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site(build_file_tree)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = run("export", "stix", "--edition", "partners")
    assert result.exit_code == 0, result.output
    names = bundle_names(root, "build/editions/partners/stix")
    assert TEARLINE_TITLE in names
    assert any("ZEBRAQUARTZ" in n for n in names)  # the GREEN brief of the outbound site (its title carries the marker)
    blob = b"".join(p.read_bytes() for p in (root / "build/editions/partners/stix").rglob("*.json"))
    assert b"KESTRELBOAT" not in blob
    # The public export holds the tearline too, and nothing GREEN or AMBER.
    assert run("export", "stix").exit_code == 0
    public = bundle_names(root, "build/stix")
    assert TEARLINE_TITLE in public and not any("ZEBRAQUARTZ" in n for n in public)


def digest_of(path: Path) -> tuple[EmailMessage, str, str]:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return message, text.get_content(), html.get_content()


def test_digest_for_partners_is_labelled_green_and_holds_only_what_partners_may(
    build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site(build_file_tree)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = run("digest", "--week", "2026-11-12", "--edition", "partners")
    assert result.exit_code == 0, result.output
    message, text, html = digest_of(root / "build/editions/partners/digests/week-2026-W46.eml")
    assert str(message["Subject"]).startswith("[TLP:GREEN] ")
    titles = {a.text_content().strip() for a in lxml.html.fromstring(html).iter("a")}
    assert TEARLINE_TITLE in titles
    assert "KESTRELBOAT" not in text and "KESTRELBOAT" not in html
    assert "ZEBRAQUARTZ" in text  # the GREEN brief goes to partners
    links = {a.get("href") for a in lxml.html.fromstring(html).iter("a")}
    # Links go to the partners' own site, never to the public one.
    assert "https://partners.example.org/briefs/amber-drones/" in links
    assert not any(str(href).startswith("https://example.org/briefs/") for href in links)


def test_the_gate_stops_a_digest_that_would_leak(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    """A digest template that prints text the audience may not hold (here: every brief's title, from the
    site's own override) is stopped by the leak gate: no .eml is written."""
    root = site(build_file_tree)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    from briefkit.outbound import digest as digests

    real = digests.render

    def leaky(config, selection, audience, now):  # type: ignore[no-untyped-def]
        made = real(config, selection, audience, now)
        return type(made)(**{**made.__dict__, "text": made.text + "\n" + FULL_TITLE + " was traced by intercepts on three nights."})

    monkeypatch.setattr(digests, "render", leaky)
    result = run("digest", "--week", "2026-11-12", "--edition", "partners")
    assert result.exit_code == 1, result.output
    assert "leak gate" in result.output and "amber-drones.yaml" in result.output
    assert not (root / "build/editions/partners/digests").exists()

"""`brief export stix`: STIX 2.1 bundles checked by the OASIS validator, official TLP 2.0 markings, stable ids, nothing restricted."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from stix2validator import ValidationOptions, validate_string

from briefkit.config import load_config
from briefkit.errors import BriefkitError
from briefkit.outbound.audience import PUBLIC
from briefkit.outbound.stix import TLP2_EXTENSION, TLP2_MARKINGS, export
from briefkit.pipeline.stages import check
from tests.conftest import FileTree, brief_yaml
from tests.outbound.outbound_support import EPOCH, PUBLIC_SLUGS, SECRET, outbound_site, run

CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
"""TLP:CLEAR in the OASIS TLP 2.0 extension, written out here so a typo in the code cannot also be in the test."""


def bundles(out: Path) -> dict[str, dict[str, Any]]:
    return {p.relative_to(out).as_posix(): json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.json"))}


def exported(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, dict[str, Any]]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = run("export", "stix", *args)
    assert result.exit_code == 0, result.output
    return bundles(root / "build" / "stix")


def test_every_bundle_validates_with_zero_errors(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree)
    found = exported(root, monkeypatch)
    assert set(found) == {"bundle.json"} | {f"briefs/{s}.json" for s in PUBLIC_SLUGS}
    for name in found:
        text = (root / "build" / "stix" / name).read_text(encoding="utf-8")
        default = validate_string(text, ValidationOptions(version="2.1", enforce_refs=True))
        assert default.is_valid and default.errors == [], (name, default.errors)
        # Strict: every best-practice warning is an error, except the two this export knowingly departs from:
        # 103 (ids are UUIDv5, so re-exports update reports) and 302 (a source's URL comes without a hash of its content).
        strict = validate_string(
            text, ValidationOptions(version="2.1", enforce_refs=True, strict=True, strict_properties=True, disabled="103,302")
        )
        assert strict.is_valid and strict.errors == [] and strict.warnings == [], (name, strict.errors, strict.warnings)
        assert {w.split("{", 1)[1][:3] for w in default.warnings} <= {"103", "302"}


def test_reports_carry_the_brief(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree)
    site = exported(root, monkeypatch)["bundle.json"]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for obj in site["objects"]:
        by_type.setdefault(obj["type"], []).append(obj)
    (identity,) = by_type["identity"]
    assert identity["name"] == "Test Desk" and identity["identity_class"] == "organization"
    reports = {r["external_references"][0]["external_id"]: r for r in by_type["report"]}
    gas = reports["gas-storage"]
    assert gas["name"] == "Gas storage at 95 per cent <before> winter"  # JSON carries text as it is, unescaped
    assert gas["description"] == "EU storage sites are nearly full & prices fall."
    assert gas["published"] == "2026-11-11T08:30:00Z"  # 09:30+01:00
    assert gas["labels"] == ["Gas", "EU"]
    assert gas["created_by_ref"] == identity["id"] and gas["object_refs"] == [identity["id"]]
    assert gas["external_references"][0]["url"] == "https://example.org/briefs/gas-storage/"
    baltic = reports["baltic-air-defence"]
    assert baltic["published"] == "2026-11-10T00:00:00Z"  # a bare date starts the day in the site's zone (UTC)
    assert baltic["confidence"] == 50  # moderate, on STIX's None/Low/Med/High scale
    assert {"source_name": "Reuters", "description": "Joint statement", "url": "https://news.example.com/baltic"} in baltic[
        "external_references"
    ]


def test_markings_are_the_official_tlp2_definitions(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree)
    for name, bundle in exported(root, monkeypatch).items():
        markings = [o for o in bundle["objects"] if o["type"] == "marking-definition"]
        assert markings == [
            {
                "type": "marking-definition",
                "spec_version": "2.1",
                "id": CLEAR,
                "created": "2022-10-01T00:00:00.000Z",
                "name": "TLP:CLEAR",
                "extensions": {TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": "clear"}},
            }
        ], name
        others = [o for o in bundle["objects"] if o["type"] != "marking-definition"]
        assert others and all(o["object_marking_refs"] == [CLEAR] for o in others), name


def test_official_ids_for_every_label() -> None:
    assert {t.value: i for t, i in TLP2_MARKINGS.items()} == {
        "TLP:CLEAR": CLEAR,
        "TLP:GREEN": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        "TLP:AMBER": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        "TLP:AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        "TLP:RED": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
    }


def test_restricted_briefs_never_leave(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree)
    exported(root, monkeypatch)
    for path in (root / "build").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data and b"pipeline" not in data, path  # nor the slugs of AMBER, GREEN, draft, embargoed
            for label in ("TLP:GREEN", "TLP:AMBER", "TLP:RED", *[i for t, i in TLP2_MARKINGS.items() if t.value != "TLP:CLEAR"]):
                assert label.encode() not in data, (path, label)


def test_byte_identical_twice_and_ids_stable(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree)
    out = root / "build" / "stix"
    exported(root, monkeypatch)
    first = {p: p.read_bytes() for p in out.rglob("*.json")}
    exported(root, monkeypatch)
    assert {p: p.read_bytes() for p in out.rglob("*.json")} == first
    # A new brief changes the site bundle, not the ids of the reports already there: a platform updates them.
    (root / "briefs" / "new-one.yaml").write_text(brief_yaml(title="A later brief", date="2026-11-15"), encoding="utf-8")
    again = exported(root, monkeypatch)
    assert again["briefs/gas-storage.json"] == json.loads(first[out / "briefs" / "gas-storage.json"])
    ids = {o["id"] for o in json.loads(first[out / "bundle.json"])["objects"]}
    assert ids < {o["id"] for o in again["bundle.json"]["objects"]}


def test_a_brief_no_longer_public_loses_its_file(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree)
    exported(root, monkeypatch)
    assert (root / "build/stix/briefs/gas-storage.json").exists()
    path = root / "briefs" / "gas-storage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("handling: TLP:CLEAR", "handling: TLP:AMBER"), encoding="utf-8")
    found = exported(root, monkeypatch)
    assert set(found) == {"bundle.json", "briefs/baltic-air-defence.json"}


def test_output_folder_option(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = run("export", "stix", "-o", "out/intel")
    assert result.exit_code == 0, result.output
    assert set(bundles(root / "out" / "intel")) == {"bundle.json"} | {f"briefs/{s}.json" for s in PUBLIC_SLUGS}


def test_a_folder_of_other_files_is_not_emptied(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree)
    (root / "mine").mkdir()
    (root / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = run("export", "stix", "-o", "mine")
    assert result.exit_code == 2 and "did not write; nothing was written" in result.output
    assert [p.name for p in (root / "mine").iterdir()] == ["notes.txt"]
    # An empty folder is fine, and a second export into it replaces its own files.
    assert run("export", "stix", "-o", "fresh").exit_code == 0
    assert run("export", "stix", "-o", "fresh").exit_code == 0
    assert set(bundles(root / "fresh")) == {"bundle.json"} | {f"briefs/{s}.json" for s in PUBLIC_SLUGS}


def test_handed_a_restricted_brief_the_export_refuses(build_file_tree: FileTree) -> None:
    """Fail closed: a caller that forgets to filter gets an error, not an AMBER report."""
    root = outbound_site(build_file_tree)
    config = load_config(root)
    corpus = check(config).corpus  # every brief, restricted ones included
    with pytest.raises(BriefkitError, match="may not go to the public audience"):
        export(config, corpus, PUBLIC, datetime(2026, 11, 20, tzinfo=UTC))


def test_without_a_site_url_a_problem_line(build_file_tree: FileTree) -> None:
    root = outbound_site(build_file_tree)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: https://example.org/\n", ""), encoding="utf-8")
    result = run("export", "stix")
    assert result.exit_code == 1
    assert "mkdocs.yml:0:0: error: the STIX export needs 'site_url' in mkdocs.yml (an http or https URL) [no-site-url]" in result.output
    assert not (root / "build" / "stix").exists()


def test_places_become_locations_the_report_refers_to(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree)
    # The AMBER brief names a country no public brief names: it must not reach a public bundle even as a location.
    secret = root / "briefs/amber-pipeline.yaml"
    secret.write_text(secret.read_text(encoding="utf-8") + "places: [KP]\n", encoding="utf-8")
    found = exported(root, monkeypatch)
    for name, bundle in found.items():
        locations = {o["id"]: o for o in bundle["objects"] if o["type"] == "location"}
        assert "KP" not in {o["country"] for o in locations.values()}, name
        for report in (o for o in bundle["objects"] if o["type"] == "report"):
            refs = [r for r in report["object_refs"] if r.startswith("location--")]
            assert set(refs) <= set(locations), name  # every location a report names travels in the same bundle
    site = found["bundle.json"]
    locations = {o["id"]: o for o in site["objects"] if o["type"] == "location"}
    assert sorted((o["country"], o["name"]) for o in locations.values()) == [("EE", "Estonia"), ("LT", "Lithuania"), ("LV", "Latvia")]
    assert all(o["object_marking_refs"] == [CLEAR] for o in locations.values())
    (baltic,) = [o for o in site["objects"] if o["type"] == "report" and o["external_references"][0]["external_id"] == "baltic-air-defence"]
    assert [locations[r]["country"] for r in baltic["object_refs"] if r in locations] == ["EE", "LV", "LT"]
    own = [o for o in found["briefs/baltic-air-defence.json"]["objects"] if o["type"] == "location"]
    assert own == [locations[r] for r in baltic["object_refs"][1:]]

"""STIX 2.1 bundles of briefs, for threat-intelligence platforms (OpenCTI, MISP).

One ``report`` per brief, an ``identity`` for the site (the publisher), a
``location`` per country a brief names (``places:``, referenced from the
report), and the official TLP 2.0 ``marking-definition`` objects of the OASIS TLP 2.0
extension, referenced from every object through ``object_marking_refs``.

Ids are UUIDv5 in a namespace made from the site URL, so exporting again
yields the same ids and a platform updates its reports instead of adding
copies.  Timestamps come from the briefs, never from the clock, so the same
briefs give byte-identical bundles.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

import stix2

from briefkit.common.dates import newest_first
from briefkit.common.fsio import sync_tree, written_record
from briefkit.config import Config
from briefkit.errors import BriefkitError
from briefkit.maps.countries import place
from briefkit.model import Brief, Confidence, Corpus, Tlp, instant
from briefkit.outbound.audience import Audience, admitted
from briefkit.outbound.siteurl import require_site_url
from briefkit.web import urls

TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
"""The OASIS TLP 2.0 marking extension (oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0)."""

TLP2_MARKINGS: dict[Tlp, str] = {
    Tlp.CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    Tlp.GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    Tlp.AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    Tlp.AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    Tlp.RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
"""The official ids of the five TLP 2.0 marking definitions: every platform knows them by these."""

TLP2_CREATED = "2022-10-01T00:00:00.000Z"

LOCATION_CREATED = "2020-01-01T00:00:00.000Z"
"""A country's location object is the same whenever it is exported: a fixed time, not the clock or a brief's date."""

# STIX 2.1 appendix A, the "None / Low / Med / High" scale: the value each level maps to.
CONFIDENCE_SCALE = {Confidence.LOW: 15, Confidence.MODERATE: 50, Confidence.HIGH: 85}


def marking(label: Tlp) -> stix2.v21.MarkingDefinition:
    """The official TLP 2.0 marking definition for ``label``, exactly as the extension specifies it."""
    level = label.value.split(":", 1)[1].lower()
    return stix2.v21.MarkingDefinition(
        id=TLP2_MARKINGS[label],
        created=TLP2_CREATED,
        name=label.value,
        extensions={TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": level}},
    )


@dataclass(frozen=True)
class Export:
    """What one export writes: the site's bundle and one per brief, as JSON bytes by relative path."""

    files: dict[str, bytes]
    reports: int

    SITE = "bundle.json"

    @staticmethod
    def brief_file(slug: str) -> str:
        return f"briefs/{slug}.json"


class _Ids:
    """Deterministic STIX ids: UUIDv5 in a namespace of the site's URL."""

    def __init__(self, site_url: str) -> None:
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, site_url.rstrip("/") + "/")

    def __call__(self, kind: str, name: str = "") -> str:
        return f"{kind}--{uuid.uuid5(self.namespace, f'{kind}:{name}')}"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def write(out: Path, result: Export) -> None:
    """Make ``out`` hold exactly this export: bundles of briefs no longer public go; files the export did not write stay.

    A folder that already holds files and has no record of an earlier export
    is someone else's (``-o ~/Documents``): it is refused rather than emptied.
    """
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise BriefkitError(f"{out} is not a folder; nothing was written", exit_code=2)
    if out.is_dir() and any(out.iterdir()) and not written_record(out).exists():
        raise BriefkitError(
            f"{out} already holds files that 'brief export stix' did not write; nothing was written",
            hint="give -o a new or empty folder",
            exit_code=2,
        )
    sync_tree(out, result.files)


def export(config: Config, corpus: Corpus, audience: Audience, now: datetime, tz: tzinfo | None = None) -> Export:
    """Bundles for ``audience``: ``corpus`` must hold only briefs it may see (checked again here; any other stops the export)."""
    tz = tz or config.tz
    site_url = require_site_url(config, "the STIX export")
    briefs = newest_first(admitted(corpus, audience, now, tz), tz)
    ids = _Ids(site_url)
    identity = _identity(config, ids, briefs, audience, tz)
    # Only the countries of the briefs this audience receives: a withheld brief's places are not in any bundle.
    locations = {code: _location(ids, code, audience) for b in briefs for code in b.places}
    reports = [_report(config, ids, b, identity.id, tz, [locations[c].id for c in b.places]) for b in briefs]
    files = {}
    for brief, report in zip(briefs, reports, strict=True):
        own = [locations[c] for c in brief.places]
        files[Export.brief_file(brief.slug)] = _bundle(ids("bundle", f"{audience.label}/{brief.slug}"), [identity, *own, report])
    shared = [locations[c] for c in sorted(locations)]
    files[Export.SITE] = _bundle(ids("bundle", f"{audience.label}/"), [identity, *shared, *reports])
    return Export(files, len(reports))


def _location(ids: _Ids, code: str, audience: Audience) -> stix2.v21.Location:
    """A country as STIX names it: ISO 3166-1 alpha-2 in ``country``, its English name, marked like the identity."""
    return stix2.v21.Location(
        id=ids("location", code),
        created=LOCATION_CREATED,
        modified=LOCATION_CREATED,
        name=place(code).name,
        country=code,
        object_marking_refs=[TLP2_MARKINGS[audience.ceiling]],
    )


def _bundle(bundle_id: str, objects: Sequence[Any]) -> bytes:
    """A bundle that carries the marking definitions its objects use, least restricted first."""
    used = {ref for obj in objects for ref in obj.get("object_marking_refs", ())}
    markings = [marking(t) for t in Tlp if TLP2_MARKINGS[t] in used]
    bundle = stix2.v21.Bundle(*markings, *objects, id=bundle_id)
    text: str = bundle.serialize(pretty=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _identity(config: Config, ids: _Ids, briefs: Sequence[Brief], audience: Audience, tz: tzinfo) -> stix2.v21.Identity:
    # The publisher's identity dates from its oldest brief in the export: a fixed time, not the clock.
    oldest = min((instant(b.date, tz) for b in briefs), default=datetime(1970, 1, 1, tzinfo=UTC))
    fields: dict[str, Any] = {
        "id": ids("identity", "site"),
        "created": _utc(oldest),
        "modified": _utc(oldest),
        "name": config.site_name,
        "identity_class": "organization",
        "contact_information": config.site_url,
        # The identity carries the audience's own label: it is part of what that audience receives.
        "object_marking_refs": [TLP2_MARKINGS[audience.ceiling]],
    }
    if config.site_description:
        fields["description"] = config.site_description
    return stix2.v21.Identity(**fields)


def _report(config: Config, ids: _Ids, brief: Brief, identity: str, tz: tzinfo, locations: Sequence[str] = ()) -> stix2.v21.Report:
    published = _utc(instant(brief.date, tz))
    modified = max(published, _utc(instant(brief.last_modified, tz)))
    page = urls.absolute(config.site_url, urls.brief(brief.slug))
    refs: list[dict[str, str]] = [{"source_name": config.site_name, "url": page, "external_id": brief.slug}]
    if config.options.pdf.enabled:
        refs.append({"source_name": f"{config.site_name} (PDF)", "url": urls.absolute(config.site_url, urls.pdf(brief.slug))})
    for source in brief.sources:
        ref = {"source_name": source.publisher or source.title, "description": source.title}
        if source.url:
            ref["url"] = source.url
        refs.append(ref)
    fields: dict[str, Any] = {
        "id": ids("report", brief.slug),
        "created": published,
        "modified": modified,
        "published": published,
        "name": brief.title,
        "description": brief.summary,
        "created_by_ref": identity,
        "object_refs": [identity, *locations],
        "external_references": refs,
        "object_marking_refs": [TLP2_MARKINGS[brief.handling]],
        "lang": config.language,
    }
    if brief.tags:
        fields["labels"] = [t.name for t in brief.tags]
    if brief.confidence is not None:
        fields["confidence"] = CONFIDENCE_SCALE[brief.confidence]
    return stix2.v21.Report(**fields)

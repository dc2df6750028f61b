"""Nothing of a non-public brief reaches a STIX bundle or a digest, whatever the reason it is not public.

Each non-public brief carries its own canary in every field and in its file
name (its slug), and shares a day, a tag and a section with a public brief, so
every selection a digest can make would pick it up if the gate let it through.
Mail parts are searched decoded as well as raw: quoted-printable can split a word.
"""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from tests.conftest import FileTree, brief_yaml, site_config
from tests.outbound.outbound_support import run

AS_OF = "2026-12-01T00:00:00+00:00"

CASES = {
    "cnrydraft": {"status": "draft"},
    "cnryreview": {"status": "review"},
    "cnryapproved": {"status": "approved"},
    "cnryembargo": {"publish_at": "2026-12-05T09:00:00+00:00"},
    "cnryexpired": {"expires": "2026-11-30"},
    "cnrygreen": {"handling": "TLP:GREEN"},
    "cnryamber": {"handling": "TLP:AMBER"},
    "cnrystrict": {"handling": "TLP:AMBER+STRICT"},
    "cnryred": {"handling": "TLP:RED"},
}


def secret(canary: str, overrides: dict[str, object]) -> str:
    fields: dict[str, object] = {
        "title": f"Secret title {canary}",
        "summary": f"Secret summary {canary}.",
        "section": f"Shared desk / Desk {canary}",
        "date": "2026-11-10",
        "tags": [f"Tag {canary}", "shared"],  # a spelling of the public tag: it must not win the vote either
        "authors": [f"Author {canary}"],
        "kind": "analysis",
        "bluf": f"Bottom line {canary}.",
        "key_points": [f"Point {canary}"],
        "confidence": "low",
        "sources": [{"title": f"Source {canary}", "publisher": f"Publisher {canary}", "url": f"https://{canary}.example.net/"}],
        "body": f"Body {canary}.\n",
    }
    fields.update(overrides)
    return brief_yaml(**fields)


def outputs(root: Path) -> list[tuple[Path, str]]:
    """Every file written, as text; each mail also as its decoded parts and headers."""
    found = []
    for path in sorted((root / "build").rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        found.append((path, data.decode("utf-8", "replace")))
        if path.suffix == ".eml":
            message = email.message_from_bytes(data, policy=policy.default)
            found.append((path, "\n".join(f"{k}: {v}" for k, v in message.items())))
            found += [(path, str(part.get_content())) for part in message.walk() if not part.is_multipart()]
    return found


@pytest.fixture
def site(build_file_tree: FileTree) -> Path:
    files: dict[str, str | bytes] = {
        "mkdocs.yml": site_config("Leak Desk", pdf="true") + "      digest:\n        to: [desk@example.org]\n",
        "briefs/public-one.yaml": brief_yaml(
            title="Public brief", section="Shared desk / Open", date="2026-11-10", tags=["Shared"], sources=[{"title": "Open source"}]
        ),
    }
    files.update({f"briefs/{canary}.yaml": secret(canary, overrides) for canary, overrides in CASES.items()})
    return build_file_tree(files)


def test_no_canary_in_any_outbound_file(site: Path) -> None:
    for args in (
        ["export", "stix"],
        ["digest", "--day", "2026-11-10"],
        ["digest", "--week", "2026-11-10"],
        ["digest", "--tag", "shared"],
        ["digest", "--section", "Shared desk"],
    ):
        result = run(*args, "--as-of", AS_OF)
        assert result.exit_code == 0, (args, result.output)
        assert "cnry" not in result.output
    found = outputs(site)
    names = {p.relative_to(site).as_posix() for p, _ in found}
    assert names >= {
        "build/stix/bundle.json",
        "build/stix/briefs/public-one.json",
        "build/digests/day-2026-11-10.eml",
        "build/digests/week-2026-W46.eml",
        "build/digests/tag-shared.eml",
        "build/digests/section-shared-desk.eml",
    }
    for path, content in found:
        assert "cnry" not in content.lower(), path
        assert "Public brief" in content or path.name.startswith(".") or path.suffix == ".eml", path  # the public brief is there
    for path, content in found:
        if path.suffix == ".json" and not path.name.startswith("."):
            assert '"Shared"' in content and '"shared"' not in content  # the public spelling, voted on by public briefs alone

"""A small site for the outbound tests: public briefs, and briefs no public file may hold, each with planted words."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from briefkit.cli.main import main
from tests.conftest import FileTree, brief_yaml, site_config

EPOCH = "1795000000"  # 2026-11-18T08:26:40Z; every brief below is dated before it

SECRET = "ZEBRAQUARTZ"
"""Planted in every brief a public file must not hold: its title, summary, body, tags, section and sources."""


def secret_brief(**fields: object) -> str:
    data: dict[str, object] = {
        "title": f"Pipeline sabotage {SECRET} title",
        "summary": f"{SECRET} summary of a restricted finding.",
        "section": f"Restricted / {SECRET} desk",
        "tags": [f"{SECRET} tag"],
        "body": f"Restricted body {SECRET}.\n",
        "sources": [{"title": f"{SECRET} source", "url": f"https://intel.example.net/{SECRET}"}],
        "date": "2026-11-12",
    }
    data.update(fields)
    return brief_yaml(**data)


def outbound_site(build_file_tree: FileTree, *, pdf: str = "false", extra_config: str = "") -> Path:
    return build_file_tree(
        {
            "mkdocs.yml": site_config("Test Desk", pdf=pdf) + extra_config,
            "briefs/baltic-air-defence.yaml": brief_yaml(
                date="2026-11-10",
                confidence="moderate",
                places=["EE", "LV", "Lithuania"],
                sources=[{"title": "Joint statement", "publisher": "Reuters", "url": "https://news.example.com/baltic"}],
            ),
            "briefs/gas-storage.yaml": brief_yaml(
                title="Gas storage at 95 per cent <before> winter",
                summary="EU storage sites are nearly full & prices fall.",
                section="Energy / Gas",
                date="2026-11-11T09:30:00+01:00",
                tags=["Gas", "EU"],
                bluf="Europe enters the winter with more gas in store than in any year since 2020.",
                key_points=["Storage reached 95 per cent on 18 November.", "Prices fell 12 per cent in three weeks."],
            ),
            "briefs/amber-pipeline.yaml": secret_brief(handling="TLP:AMBER"),
            "briefs/green-pipeline.yaml": secret_brief(handling="TLP:GREEN", date="2026-11-11"),
            "briefs/draft-pipeline.yaml": secret_brief(status="draft"),
            "briefs/embargoed-pipeline.yaml": secret_brief(publish_at="2027-01-01T00:00:00Z"),
        }
    )


PUBLIC_SLUGS = {"baltic-air-defence", "gas-storage"}


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def digest_config(port: int, **smtp: str) -> str:
    """The digest entry of the briefkit options, for a local SMTP server on ``port`` (no TLS: the test server has no certificate)."""
    extra = "".join(f"          {k}: {v}\n" for k, v in smtp.items())
    return (
        "      digest:\n"
        "        from: Test Desk <desk@example.org>\n"
        "        to: [ana@example.org, ben@example.org]\n"
        "        lists:\n"
        "          board: [chair@example.org, refuse-me@example.org, clerk@example.org]\n"
        "        list_unsubscribe: https://example.org/unsubscribe\n"
        "        smtp:\n"
        "          host: 127.0.0.1\n"
        f"          port: {port}\n"
        "          starttls: false\n" + extra
    )

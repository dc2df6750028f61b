"""``brief new``: a valid draft to start from."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import yaml

from briefkit.config import Config
from briefkit.errors import BriefkitError
from briefkit.load import display_path, slugify
from briefkit.schema import SCHEMA_ID

SCHEMA_FILE = "schema/brief.schema.json"


def _q(value: str) -> str:
    """A YAML scalar that reads back as exactly this text."""
    return yaml.safe_dump(value, default_style=None, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def new_brief(config: Config, title: str, section: str, tags: list[str], now: datetime) -> Path:
    slug = slugify(title)[:80].strip("-")
    if not slug:
        raise BriefkitError(f"cannot make a file name from the title {title!r}", hint="use a title with letters or digits", exit_code=2)
    top = slugify(section.split(" / ")[0]) or "general"
    target = config.briefs_dir / top / f"{slug}.yaml"
    schema = config.root / SCHEMA_FILE
    ref = Path(os.path.relpath(schema, target.parent)).as_posix() if schema.exists() else SCHEMA_ID
    text = "\n".join(
        [
            f"# yaml-language-server: $schema={ref}",
            f"title: {_q(title)}",
            "summary: >-",
            "  One paragraph that tells the reader what happened and why it matters.",
            f"section: {_q(section)}",
            f"date: {now.date().isoformat()}",
            "tags: [" + ", ".join(_q(t) for t in tags) + "]",
            "status: draft",
            "authors: []",
            "bluf: >-",
            "  The bottom line, up front.",
            "key_points: []",
            "sources: []",
            "body: |",
            "  Write the story here, in Markdown.",
            "",
        ]
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as fh:  # "x": never overwrite
            fh.write(text)
    except FileExistsError:
        raise BriefkitError(f"{display_path(target)} already exists; not overwritten", hint="choose another title", exit_code=1) from None
    return target

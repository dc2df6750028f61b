"""``brief init DIR``: a new briefing site that checks clean and builds at once.

The files ship as package data in ``briefkit/scaffold_files`` (names without
leading dots, so that packaging tools keep them) and are written only when
none of them exists yet: ``init`` never overwrites anything.
"""

from __future__ import annotations

import os
from datetime import date
from importlib import resources
from pathlib import Path

from briefkit.authoring.install_source import InstallSource, install_source, requirements_txt
from briefkit.common.fsio import write_new
from briefkit.errors import BriefkitError

WORKFLOW = ".github/workflows/briefs.yml"
EXAMPLE = "briefs/about/how-this-site-works.yaml"
REQUIREMENTS = "requirements.txt"
SCHEMA = "schema/brief.schema.json"

FILES = {
    "mkdocs.yml": "mkdocs.yml",
    EXAMPLE: "example-brief.yaml",
    "briefs/_tags.yml": "_tags.yml",
    "briefs/_authors.yml": "_authors.yml",
    "templates/README.md": "templates-README.md",
    "templates/mkdocs/index.md": "mkdocs-index.md",
    ".gitignore": "gitignore",
    WORKFLOW: "workflow.yml",
}
"""Target path in the new site: packaged file name."""

INSTALL = f"pip install -r {REQUIREMENTS}"
"""How the scaffolded workflow installs briefkit: the source pinned in requirements.txt (see install_source)."""


def packaged(name: str) -> str:
    return resources.files("briefkit").joinpath("scaffold_files", name).read_text(encoding="utf-8")


def workflow(install: str = INSTALL) -> str:
    """The GitHub Actions workflow, installing briefkit with ``install``."""
    return packaged("workflow.yml").replace("@@INSTALL@@", install)


def schema_ref(brief: str) -> str:
    """The schema's path relative to a brief's folder (both relative to the site), for its modeline."""
    return Path(os.path.relpath(SCHEMA, os.path.dirname(brief) or ".")).as_posix()


def render(site_name: str, today: date, source: InstallSource | None = None) -> dict[str, str]:
    """Every file of a new site, by path relative to its folder."""
    from briefkit.source.schema import json_schema, schema_text

    out = {}
    for target, name in FILES.items():
        text = workflow() if name == "workflow.yml" else packaged(name)
        text = text.replace("@@SCHEMA@@", schema_ref(target))
        out[target] = text.replace("@@SITE_NAME@@", _yaml_text(site_name)).replace("@@DATE@@", today.isoformat())
    out[REQUIREMENTS] = requirements_txt(source or install_source())
    out[SCHEMA] = schema_text(json_schema())
    return out


def write_schema(root: Path) -> Path:
    """Write (or refresh) the site's copy of the brief schema, the one its modelines point at."""
    from briefkit.source.schema import json_schema, schema_text

    path = root / SCHEMA
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(json_schema()), encoding="utf-8", newline="\n")
    return path


def _yaml_text(value: str) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def init(folder: Path, site_name: str, today: date, source: InstallSource | None = None) -> list[Path]:
    """Write a new site into ``folder`` (created if needed); refuse if any file is already there."""
    if folder.exists() and not folder.is_dir():
        raise BriefkitError(f"{folder} exists and is not a folder", exit_code=1)
    files = render(site_name, today, source)
    clashes = [rel for rel in files if (folder / rel).exists()]
    if clashes:
        raise BriefkitError(
            f"{folder} already has {', '.join(clashes)}; nothing was written",
            hint="brief init never overwrites files: choose an empty folder, or move these away first",
        )
    written = []
    for rel, text in files.items():
        path = folder / rel
        try:
            write_new(path, text)  # never overwrite, even in a race
        except FileExistsError:
            raise BriefkitError(f"{path} appeared while writing; stopped", hint="run brief init again in an empty folder") from None
        written.append(path)
    return written


def site_name_for(folder: Path) -> str:
    """A readable default name from the folder: ``gulf-brief`` → ``Gulf Brief``."""
    name = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    return name.title() if name else "Briefings"


__all__ = ["EXAMPLE", "FILES", "REQUIREMENTS", "SCHEMA", "WORKFLOW", "init", "render", "workflow", "write_schema"]

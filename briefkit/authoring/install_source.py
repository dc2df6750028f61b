"""Where this briefkit came from, so that a new site's CI installs the same thing.

pip records a direct install (a VCS checkout, an archive, a local folder) in
the distribution's ``direct_url.json`` (PEP 610); an install from a package
index has none, and is pinned by version.  A local folder cannot be reached
from CI, so it gets a placeholder that makes pip stop loudly instead of
falling back to whatever a stranger may one day publish under the name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from typing import Any

NAME = "briefkit"
MISSING = "set-a-briefkit-source-in-requirements.txt"
"""pip fails on ``-r`` of this (absent) file, naming it: the placeholder for a source CI cannot reach."""


@dataclass(frozen=True)
class InstallSource:
    requirement: str
    """The requirements.txt line: ``briefkit @ URL``, ``briefkit==VERSION``, or the placeholder ``-r`` line."""
    origin: str
    """Where briefkit was installed from, for messages."""
    reachable: bool
    """False when the source is on this machine only (a file: URL): CI needs another one."""


def from_direct_url(data: dict[str, Any], version: str) -> InstallSource:
    """The source that PEP 610's ``direct_url.json`` describes."""
    url = str(data.get("url", ""))
    local = url.startswith("file:")
    subdir = data.get("subdirectory")
    fragment = f"#subdirectory={subdir}" if subdir else ""
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id"):
        return InstallSource(f"{NAME} @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}{fragment}", url, not local)
    archive = data.get("archive_info")
    if isinstance(archive, dict):
        hashes = archive.get("hashes") or {}
        pin = f"#sha256={hashes['sha256']}" if "sha256" in hashes else ""
        return InstallSource(f"{NAME} @ {url}{pin or fragment}", url, not local)
    # dir_info: a local folder, editable or not.  Nothing CI could fetch.
    return InstallSource(f"-r {MISSING}", url or "a local folder", False)


def install_source() -> InstallSource:
    """How the running briefkit was installed."""
    try:
        dist = distribution(NAME)
    except PackageNotFoundError:  # imported from a source tree, never installed
        return InstallSource(f"-r {MISSING}", "a source tree that was never installed", False)
    raw = dist.read_text("direct_url.json")
    if not raw:
        return InstallSource(f"{NAME}=={dist.version}", "the package index", True)
    return from_direct_url(json.loads(raw), dist.version)


def requirements_txt(source: InstallSource) -> str:
    """requirements.txt for a new site: what its workflow installs."""
    head = "# What the site's CI workflow installs (pip install -r requirements.txt): the briefkit that made this site.\n"
    if source.requirement.startswith("-r "):
        return (
            head + f"# briefkit was installed from {source.origin}, which CI cannot reach.\n"
            "# Replace the -r line below with a source that CI can install from, for example:\n"
            "#   briefkit @ git+https://github.com/OWNER/briefkit@COMMIT\n"
            "# Until then pip stops at that line, on purpose: it must never install some other package called briefkit.\n"
            f"{source.requirement}\n"
        )
    note = "" if source.reachable else f"# {source.origin} is on this machine only: CI needs a source it can reach.\n"
    return head + note + source.requirement + "\n"

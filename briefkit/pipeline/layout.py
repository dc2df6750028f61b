"""Where one build writes: a parameter of every stage, so one corpus can be built into any folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefkit.common.fsio import SyncStats
from briefkit.config import Config
from briefkit.editions.model import Edition
from briefkit.errors import BriefkitError


@dataclass(frozen=True)
class BuildLayout:
    """Where one kind of build writes.  Preview output never shares a folder with the public site."""

    root: Path
    docs: Path
    site: Path
    manifest: Path
    overrides: Path
    record: Path
    """What the live site holds (:mod:`briefkit.pipeline.siterecord`), to tell a whole site from a broken one."""

    @classmethod
    def of(cls, config: Config, preview: bool, edition: Edition | None = None) -> BuildLayout:
        """The preview's folder, or an edition's: the public edition's is ``build/`` itself, another's ``build/editions/NAME/``."""
        root = config.build_dir / "preview" if preview else edition.root(config) if edition is not None else config.build_dir
        return cls.at(root, overrides=config.build_dir / "overrides")

    @classmethod
    def at(cls, root: Path, *, overrides: Path) -> BuildLayout:
        """A build into ``root`` (``docs/``, ``site/`` and its records inside it); theme overrides are shared."""
        return cls(root, root / "docs", root / "site", root / ".briefkit-manifest.json", overrides, root / ".briefkit-site.json")


def shown(path: Path) -> str:
    """A folder as the build's messages name it."""
    from briefkit.common.paths import display_path

    return display_path(path) + "/"


def refuse_foreign(folder: Path, synced: SyncStats) -> None:
    """Files briefkit did not write in a folder MkDocs reads: never deleted, never published."""
    if not synced.foreign:
        return
    where = shown(folder)
    names = ", ".join(synced.foreign[:5]) + (f" and {len(synced.foreign) - 5} more" if len(synced.foreign) > 5 else "")
    raise BriefkitError(
        f"{where} holds file(s) briefkit did not write: {names}; it neither deletes nor publishes them",
        hint=f"move them out of {where} (briefkit writes this folder from briefs/, templates/ and assets/)",
    )

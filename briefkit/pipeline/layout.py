"""Where one build writes: a parameter of every stage, so one corpus can be built into any folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefkit.config import Config


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
    def of(cls, config: Config, preview: bool) -> BuildLayout:
        return cls.at(config.build_dir / "preview" if preview else config.build_dir, overrides=config.build_dir / "overrides")

    @classmethod
    def at(cls, root: Path, *, overrides: Path) -> BuildLayout:
        """A build into ``root`` (``docs/``, ``site/`` and its records inside it); theme overrides are shared."""
        return cls(root, root / "docs", root / "site", root / ".briefkit-manifest.json", overrides, root / ".briefkit-site.json")


def shown(path: Path) -> str:
    """A folder as the build's messages name it."""
    from briefkit.source.load import display_path

    return display_path(path) + "/"

"""The ``briefkit`` entry in mkdocs.yml's ``plugins`` list.

Its options belong to briefkit (``briefkit.config`` validates them), so
MkDocs must not reject them.  When MkDocs itself is run on the generated
folder (``mkdocs serve``), the plugin only adds the briefs and templates to
the watch list.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin


class BriefkitPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[list[Any], list[Any]]:
        self.options = dict(options)
        return [], []

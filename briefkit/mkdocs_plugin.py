"""The ``briefkit`` entry in mkdocs.yml's ``plugins`` list.

Its options belong to briefkit (``briefkit.config`` validates them), so
MkDocs must not reject them; the plugin does nothing else.  ``mkdocs build``
and ``mkdocs serve`` work on the generated folder as it stands; for a preview
that re-renders briefs as they change, use ``brief serve``.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin


class BriefkitPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[list[Any], list[Any]]:
        self.options = dict(options)
        return [], []

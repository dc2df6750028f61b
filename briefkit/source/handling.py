"""Handling labels: the brief's own, else the site's ``default_handling``, else none (never public).

A missing label used to mean TLP:CLEAR.  Now "public" needs someone to have
said so: the brief, or the site once for all its briefs.
"""

from __future__ import annotations

from typing import Any

from briefkit.common.yamlsrc import Document
from briefkit.config import Config
from briefkit.errors import Problem, error
from briefkit.model import Status, Tlp
from briefkit.source.schema import BriefIn


def handling(item: BriefIn, doc: Document, shown: str, config: Config, problems: list[Problem]) -> tuple[Tlp, bool]:
    """The brief's label, else the site's ``default_handling``; with neither, unlabelled (treated as TLP:RED, never public).

    A missing label used to mean TLP:CLEAR; now public needs someone to have said so.
    """
    if item.handling is not None:
        return item.handling, True
    default = config.options.default_handling
    if default is not None:
        return Tlp(default), True
    if item.status is Status.PUBLISHED:
        problems.append(
            error(
                shown,
                *doc.pos(("status",)),
                "no-handling",
                "a published brief needs a handling label: this one has none, and mkdocs.yml sets no default_handling",
                "add 'handling: TLP:CLEAR' (or its real label) to the brief, or set 'default_handling: TLP:CLEAR' "
                "in the briefkit entry of mkdocs.yml",
            )
        )
    return Tlp.RED, False


def declared(data: Any, config: Config) -> str | None:
    """The handling label a brief's data gives, else the site's ``default_handling``; None when neither is a label."""
    if not isinstance(data, dict):
        return None
    value = data.get("handling")
    if value is None:
        return config.options.default_handling
    text = str(value).strip()
    return text if text in {t.value for t in Tlp} else None

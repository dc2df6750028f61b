"""Named copies for TLP:RED (and AMBER+STRICT): ``brief pdf SLUG --recipient "Name, Organisation"``.

TLP:RED is for named recipients only, so it is never part of a site or a
book, and its PDF is made only as a named copy: the recipient on every page
(the print templates' ``page_rules``).  Without ``--recipient`` a TLP:RED
brief asked for by name is refused (exit 1), and a print of many briefs
(``--preview``, ``--tag``, books) leaves every TLP:RED brief out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from briefkit.config import Config
from briefkit.errors import BriefkitError, Problem, error
from briefkit.model import Brief, Corpus, Tlp, visibility

MAX_RECIPIENT = 200
"""Characters: a name and an organisation, printed in a page header."""


def is_red(brief: Brief) -> bool:
    """Labelled TLP:RED by its author (an unlabelled brief is treated as RED everywhere else, but is a draft matter here)."""
    return brief.labelled and brief.handling is Tlp.RED


def recipient_name(value: str) -> str:
    """The recipient as printed: one line of visible text, whitespace collapsed; a usage error otherwise."""
    text = " ".join(value.split())
    if not text:
        raise BriefkitError("--recipient needs a name", hint='write it as --recipient "Name, Organisation"', exit_code=2)
    if len(text) > MAX_RECIPIENT:
        raise BriefkitError(f"--recipient is longer than {MAX_RECIPIENT} characters", exit_code=2)
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        raise BriefkitError("--recipient holds a control or invisible character", hint="type the name plainly", exit_code=2)
    return text


def printable(
    config: Config,
    loaded: Corpus,
    shown: Corpus,
    now: datetime,
    *,
    slugs: Sequence[str],
    bulk: bool,
    preview: bool,
    recipient: str | None,
) -> tuple[Corpus, str]:
    """What ``brief pdf`` may print, and the recipient's name ('' for none).

    ``shown`` is what it would print otherwise (public briefs, or all with
    ``--preview``); ``bulk`` is true when tags, sections or books are asked for.
    """
    if recipient is None:
        refused = [_refusal(config, b) for b in loaded.briefs if b.slug in set(slugs) and is_red(b)]
        if refused:
            raise BriefkitError(
                f"{len(refused)} TLP:RED brief(s) asked for without a recipient: a TLP:RED PDF is made only as a named copy",
                problems=refused,
                hint='add --recipient "Name, Organisation"; the name is printed on every page',
            )
        return replace(shown, briefs=tuple(b for b in shown.briefs if not is_red(b))), ""
    name = recipient_name(recipient)
    if bulk or not slugs:
        raise BriefkitError(
            "--recipient prints named copies of briefs given by slug only, never books, tags or sections",
            hint='brief pdf SLUG --recipient "Name, Organisation"',
            exit_code=2,
        )
    # Held back only by its label: a published brief, past its embargo, not expired, labelled.
    allowed = tuple(b for b in loaded.briefs if preview or visibility(replace(b, handling=Tlp.CLEAR), now, config.tz).public)
    return replace(shown, briefs=allowed), name


def _refusal(config: Config, brief: Brief) -> Problem:
    from briefkit.common.yamlsrc import Document
    from briefkit.editions.briefs import read_document

    doc = read_document(brief, config) or Document(None)
    line, col = doc.pos(("handling",))
    return error(
        brief.path,
        line,
        col,
        "red-needs-recipient",
        f"brief '{brief.slug}' is TLP:RED: its PDF is made only for a named recipient, and it is never part of a site",
        "brief pdf " + brief.slug + ' --recipient "Name, Organisation"',
    )

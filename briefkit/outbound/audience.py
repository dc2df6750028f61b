"""Who an outbound file is for, and the gate every brief passes before it goes out.

An audience is a handling ceiling with a name.  The public one holds TLP:CLEAR
only; an edition (another audience) plugs in by passing its own label and
ceiling.  The caller chooses the briefs (for the public, :meth:`Corpus.public`);
:func:`admitted` checks them once more and refuses the whole export if one is
above the ceiling, so a caller that forgot to filter fails closed instead of
leaking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from briefkit.errors import BriefkitError
from briefkit.model import Brief, Corpus, Tlp, visibility


@dataclass(frozen=True)
class Audience:
    label: str
    """A name for file names and ids: 'public', or an edition's name."""
    ceiling: Tlp
    """The most restricted handling label this audience may hold."""

    @property
    def public(self) -> bool:
        return self.ceiling is Tlp.CLEAR


PUBLIC = Audience("public", Tlp.CLEAR)


def admitted(corpus: Corpus, audience: Audience, now: datetime, tz: tzinfo) -> tuple[Brief, ...]:
    """The corpus's briefs, after checking that every one may go to ``audience``; raises if one may not.

    A brief goes out only when it is published, past its embargo, not expired,
    labelled, and labelled no higher than the ceiling.  For the public that is
    exactly :func:`briefkit.model.visibility`.
    """
    refused = []
    for brief in corpus.briefs:
        vis = visibility(brief, now, tz)
        if audience.public:
            ok = vis.public
        else:  # an edition: the same rules, with the ceiling in place of TLP:CLEAR
            ok = brief.labelled and brief.handling.rank <= audience.ceiling.rank and (vis.public or vis.reason == brief.handling.value)
        if not ok:
            refused.append(brief.slug)
    if refused:
        raise BriefkitError(
            f"{len(refused)} brief(s) may not go to the {audience.label} audience ({audience.ceiling.value}); nothing was written",
            hint="this is a bug in briefkit: the export was handed briefs it must not hold",
        )
    return corpus.briefs

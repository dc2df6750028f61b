"""Words a reader sees the same way on the web and in print.

Labels, the meaning of confidence levels and the cleaning of correction
texts live here once, so the site templates and the PDF templates cannot
drift apart (they used to: "Key points" on the web, "Key judgments" in print;
a doubled "Correction:" on the web only).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefkit.model import Brief, Confidence, Kind, Moment, Status, Visibility

KIND_LABELS = {Kind.NEWS: "News", Kind.ANALYSIS: "Analysis", Kind.OPINION: "Opinion", Kind.EXPLAINER: "Explainer"}

# ICD 203 (Analytic Standards): what each confidence level means.
CONFIDENCE_TEXT = {
    Confidence.HIGH: "High-quality information, or the nature of the issue allows a solid judgment.",
    Confidence.MODERATE: "Credibly sourced and plausible, but not corroborated well enough for high confidence.",
    Confidence.LOW: "Questionable or fragmented information, or problems with the sources.",
}

_CORRECTION_PREFIX = re.compile(r"^\s*correction\s*[:.\u2014-]\s*", re.I)
_HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def key_points_label(kind: Kind) -> str:
    """An estimate leads with its Key Judgments (ICD 203 practice); other kinds with key points."""
    return "Key judgments" if kind is Kind.ANALYSIS else "Key points"


def correction_text(text: str) -> str:
    """A correction without its own "Correction:" label: pages print the label with the date."""
    return _CORRECTION_PREFIX.sub("", text)


def confidence_text(confidence: Confidence | None) -> str:
    return CONFIDENCE_TEXT[confidence] if confidence else ""


def strip_headerlinks(html: str) -> str:
    """Body HTML without the ``¶`` permalink anchors of the toc extension (feeds and print have no use for them)."""
    return _HEADERLINK_RE.sub("", html)


def hidden_reason(brief: Brief, vis: Visibility, show_date: Callable[[Moment], str]) -> str:
    """Why a preview shows a brief that a public build leaves out, with dates as readers read them.

    ``visibility`` decides; this only words its answer (its own ``reason`` carries
    ISO timestamps, which suit logs and ``brief status``, not a page).
    """
    if vis.public:
        return ""
    if brief.status is not Status.PUBLISHED:
        return brief.status.label
    if brief.publish_at is not None and vis.reason.startswith("embargoed"):
        return f"embargoed until {show_date(brief.publish_at)}"
    if brief.expires is not None and vis.reason.startswith("expired"):
        return f"expired on {show_date(brief.expires)}"
    return vis.reason

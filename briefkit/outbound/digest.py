"""Email digests: the briefs of a day, a week, a tag or a section, as an HTML part and a plain-text part.

The caller hands in the briefs an audience may hold (for the public, the
public corpus); :func:`briefkit.outbound.audience.admitted` checks them again.
Each part is rendered from a template in ``templates/digest/`` (a site may
override it by file name); the HTML part gets its CSS inlined into ``style``
attributes, because mail clients drop or ignore ``<style>`` elements.  Every
link is absolute: a mail has no page to be relative to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

import css_inline
import jinja2

from briefkit.common.dates import day_long, local_date, long_date, newest_first
from briefkit.common.slugs import slugify
from briefkit.config import Config
from briefkit.content.labels import KIND_LABELS, key_points_label
from briefkit.content.templating import environment
from briefkit.errors import BriefkitError
from briefkit.model import Brief, Corpus, Tlp
from briefkit.outbound.audience import Audience, admitted
from briefkit.outbound.siteurl import require_site_url
from briefkit.web import template_problem, urls

HTML_TEMPLATE = "digest/digest.html.j2"
TEXT_TEMPLATE = "digest/digest.txt.j2"
WIDTH = 600
"""Pixels: the width mail clients lay a message out in without scrolling sideways."""


@dataclass(frozen=True)
class Selection:
    """Which briefs a digest holds, and how it names itself."""

    key: str
    """File-name stem: day-2026-11-20, week-2026-W47, tag-gas, section-energy-gas."""
    title: str
    briefs: tuple[Brief, ...]


@dataclass(frozen=True)
class Item:
    """One brief as a digest shows it."""

    brief: Brief
    url: str
    pdf_url: str
    kicker: str
    published: str
    key_points_label: str
    tlp: Tlp


@dataclass(frozen=True)
class Digest:
    selection: Selection
    audience: Audience
    label: Tlp
    """The digest's own label: the most restricted of its briefs (TLP 2.0 marks a message by its most restricted part)."""
    subject: str
    html: str
    text: str


def select(
    corpus: Corpus,
    tz: tzinfo,
    today: date,
    *,
    day: date | None = None,
    week: date | None = None,
    tag: str | None = None,
    section: str | None = None,
    limit: int = 50,
) -> Selection:
    """The briefs for one of ``day`` (default: ``today``), ``week`` (the ISO week holding that date), ``tag`` or ``section``."""
    briefs = newest_first(corpus.briefs, tz)
    if week is not None:
        monday = week - timedelta(days=week.weekday())
        sunday = monday + timedelta(days=6)
        iso = monday.isocalendar()
        chosen = [b for b in briefs if monday <= local_date(b.date, tz) <= sunday]
        return Selection(f"week-{iso.year}-W{iso.week:02d}", f"Weekly digest, {_span(monday, sunday)}", tuple(chosen))
    if tag is not None:
        want = slugify(tag)
        chosen = [b for b in briefs if any(t.slug == want for t in b.tags)][:limit]
        name = next((t.name for b in chosen for t in b.tags if t.slug == want), tag)
        return Selection(f"tag-{want}", f"Latest on {name}", tuple(chosen))
    if section is not None:
        path = tuple(slugify(p) for p in section.replace("/", " / ").split(" / ") if p.strip())
        chosen = [b for b in briefs if path and b.section.slugs[: len(path)] == path][:limit]
        name = next((" / ".join(b.section.names[: len(path)]) for b in chosen), section)
        return Selection(f"section-{'-'.join(path)}", f"Latest in {name}", tuple(chosen))
    when = day or today
    chosen = [b for b in briefs if local_date(b.date, tz) == when]
    return Selection(f"day-{when.isoformat()}", f"Daily digest, {day_long(when, tz)}", tuple(chosen))


def _span(first: date, last: date) -> str:
    if first.year != last.year:
        return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{first.day}–{last.day} {last:%B %Y}"


def render(config: Config, selection: Selection, audience: Audience, now: datetime) -> Digest:
    """Both parts of the digest, and its subject with the TLP label in front."""
    site_url = require_site_url(config, "a digest")
    tz = config.tz
    # The gate: a selection that holds a brief the audience may not see stops here, whoever made it.
    admitted(Corpus(selection.briefs), audience, now, tz)
    label = Tlp.most_restrictive([b.handling for b in selection.briefs] or [audience.ceiling])
    items = [_item(config, site_url, b) for b in selection.briefs]
    subject = f"[{label.value}] {config.site_name}: {selection.title}"
    context = {
        "site": {"name": config.site_name, "url": site_url, "description": config.site_description, "language": config.language},
        "title": selection.title,
        "subject": subject,
        "items": items,
        "label": label,
        "width": WIDTH,
        "unsubscribe": config.options.digest.list_unsubscribe,
    }
    env = environment(config)
    try:
        html = env.get_template(HTML_TEMPLATE).render(context)
        text = env.get_template(TEXT_TEMPLATE).render(context)
    except jinja2.TemplateError as exc:
        raise BriefkitError("a digest template failed; nothing was written", problems=[template_problem(exc, config)]) from None
    inlined = css_inline.inline(html, keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False)
    return Digest(selection, audience, label, subject, inlined, text)


def _item(config: Config, site_url: str, brief: Brief) -> Item:
    tz = config.tz
    kicker = " · ".join([KIND_LABELS[brief.kind], str(brief.section)])
    pdf_url = urls.absolute(site_url, urls.pdf(brief.slug)) if config.options.pdf.enabled else ""
    return Item(
        brief=brief,
        url=urls.absolute(site_url, urls.brief(brief.slug)),
        pdf_url=pdf_url,
        kicker=kicker,
        published=long_date(brief.date, tz),
        key_points_label=key_points_label(brief.kind),
        tlp=brief.handling,
    )

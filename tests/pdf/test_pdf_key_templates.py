"""The templates a PDF key counts are the ones rendering loads: followed from each kind's entry template."""

from __future__ import annotations

from pathlib import Path

from briefkit.config import load_config
from briefkit.content.markup import BodyRenderer, HtmlPolicy
from briefkit.content.templating import template_sources
from briefkit.content.view import build_views
from briefkit.pdf import plan
from briefkit.pdf.cache import ENTRY_TEMPLATES
from briefkit.pdf.documents import DocumentBuilder
from briefkit.source.load import load
from tests.pdf.pdftools import NOW, site_files, write_site


def test_templates_followed_from_the_entry_are_the_ones_a_render_loads(tmp_path: Path) -> None:
    """What the key counts is what rendering reads: the loader's record after real renders of a brief and a book."""
    config = load_config(write_site(tmp_path, site_files()))
    corpus = load(config).corpus.public(NOW, config.tz)
    views = build_views(corpus, BodyRenderer(), now=NOW, tz=config.tz)
    book = next(iter(plan(config, corpus)))
    for kind, render in (("brief", lambda b: b.brief(views.briefs[0])), ("book", lambda b: b.book(book, views.by_slug))):
        builder = DocumentBuilder(config, HtmlPolicy(), NOW)
        render(builder)
        loaded = set(builder.env.loader.read)  # type: ignore[union-attr]
        counted = set(template_sources(builder.env, [ENTRY_TEMPLATES[kind]]))
        assert loaded == counted, kind
        assert f"pdf/{kind}.html.j2" in loaded and "pdf/print.css" in loaded


def test_a_template_named_at_render_time_counts_every_template(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        site_files(extra={"templates/pdf/brief.html.j2": '{% set part = "pdf/extra" ~ ".css" %}{% include part %}\n'}),
    )
    config = load_config(root)
    env = DocumentBuilder(config, HtmlPolicy(), NOW).env
    counted = template_sources(env, [ENTRY_TEMPLATES["brief"]])
    assert {"pdf/extra.css", "pdf/book.html.j2", "site/brief.md.j2"} <= set(counted)
    assert not any(name.endswith(".woff2") for name in counted)  # fonts are not templates

"""The same briefs as Pelican articles: another peer a team might pick (issue 12 keeps it in the table).

    python -m benchmarks.pelicansite SITE_DIR OUT_DIR     (from the repo root)

reads the site's briefs with briefkit's own loader, keeps what a public build shows, and writes
``content/<section>/<slug>.md`` (Pelican's ``Key: value`` metadata: title, date, slug, the top
section as category, tags, summary; then the Markdown a brief page shows) and ``pelicanconf.py``
with Pelican's bundled ``simple`` theme, Atom feeds on, pages of 20 articles, no content cache.

    pelican OUT_DIR/content -s OUT_DIR/pelicanconf.py -o PUBLIC_DIR -q
"""

from __future__ import annotations

import shutil
import sys
from datetime import datetime
from pathlib import Path

from benchmarks.blog import content
from benchmarks.corpus import NOW
from briefkit.common.report import Reporter
from briefkit.config import load_config
from briefkit.model import Brief
from briefkit.pipeline.stages import load_valid

CONFIG = """\
# Written by benchmarks/pelicansite.py.
SITENAME = "Synthetic Briefs ({n})"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "simple"
DEFAULT_PAGINATION = 20
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
RELATIVE_URLS = True
"""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def article(b: Brief) -> str:
    when = b.date if isinstance(b.date, datetime) else datetime.combine(b.date, datetime.min.time())
    lines = [
        f"Title: {_one_line(b.title)}",
        f"Date: {when.strftime('%Y-%m-%d %H:%M')}",
        f"Slug: {b.slug}",
        f"Category: {_one_line(b.section.names[0])}",
        f"Tags: {', '.join(_one_line(t.name).replace(',', ' ') for t in b.tags)}",
        f"Summary: {_one_line(b.summary)}",
        "",
        b.summary,
        "",
        content(b),
    ]
    return "\n".join(lines)


def write_site(site: Path, out: Path) -> int:
    """Write the Pelican project for the public briefs of ``site`` into ``out`` (replaced); returns the number of articles."""
    config = load_config(site)
    corpus = load_valid(config, Reporter(quiet=True)).corpus.public(NOW, config.tz)
    if out.exists():
        shutil.rmtree(out)
    (out / "content").mkdir(parents=True)
    (out / "pelicanconf.py").write_text(CONFIG.format(n=len(corpus.briefs)), encoding="utf-8")
    for b in corpus.briefs:
        folder = out / "content" / b.section.slugs[0]
        folder.mkdir(exist_ok=True)
        (folder / f"{b.slug}.md").write_text(article(b), encoding="utf-8")
    return len(corpus.briefs)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: pelicansite.py SITE_DIR OUT_DIR", file=sys.stderr)
        return 2
    n = write_site(Path(argv[0]), Path(argv[1]))
    print(f"wrote {n} articles to {argv[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The same briefs as Hugo posts: the peer a team would pick for raw speed (issue 12's targets).

    python -m benchmarks.hugosite SITE_DIR OUT_DIR     (from the repo root)

reads the site's briefs with briefkit's own loader, keeps what a public build shows (same "now"
as the benchmark), and writes a Hugo site: ``content/posts/<section>/<slug>.md`` with YAML front
matter (title, date, slug, summary, tags, the section's names as categories) and the Markdown a
brief page shows (benchmarks.blog.content), plus ``hugo.toml`` and the minimal theme in
``benchmarks/hugo/`` (a list page and a single page, no JavaScript).  Hugo makes a page per post,
paginated lists for the home page and each section, and a page per tag and category, as briefkit does.

    hugo --quiet --source OUT_DIR --destination PUBLIC_DIR
"""

from __future__ import annotations

import json
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

THEME = Path(__file__).resolve().parent / "hugo"

CONFIG = """\
baseURL = "https://bench.example.org/"
title = "Synthetic Briefs ({n})"
languageCode = "en"
theme = "briefkit-bench"
themesDir = "themes"
enableRobotsTXT = false
buildFuture = true  # briefkit already chose the public briefs at the corpus's "now"

[pagination]
  pagerSize = 20

[taxonomies]
  tag = "tags"
  category = "categories"

[markup.goldmark.renderer]
  unsafe = false
"""


def _scalar(text: str) -> str:
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def post(b: Brief) -> str:
    """One post: front matter, then the summary and what the brief page shows."""
    when = b.date if isinstance(b.date, datetime) else datetime.combine(b.date, datetime.min.time())
    lines = [
        "---",
        f"title: {_scalar(b.title)}",
        f"date: {when.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"slug: {b.slug}",
        f"summary: {_scalar(b.summary)}",
        "categories:",
        *(f"  - {_scalar(name)}" for name in b.section.names),
        "tags:",
        *(f"  - {_scalar(t.name)}" for t in b.tags),
        "---",
        "",
        b.summary,
        "",
        content(b),
    ]
    return "\n".join(lines)


def write_site(site: Path, out: Path) -> int:
    """Write the Hugo site for the public briefs of ``site`` into ``out`` (replaced); returns the number of posts."""
    config = load_config(site)
    corpus = load_valid(config, Reporter(quiet=True)).corpus.public(NOW, config.tz)
    if out.exists():
        shutil.rmtree(out)
    posts = out / "content" / "posts"
    posts.mkdir(parents=True)
    shutil.copytree(THEME, out / "themes" / "briefkit-bench")
    (out / "hugo.toml").write_text(CONFIG.format(n=len(corpus.briefs)), encoding="utf-8")
    (out / "content" / "_index.md").write_text("---\ntitle: Latest\n---\n", encoding="utf-8")
    for b in corpus.briefs:
        folder = posts / b.section.slugs[0]
        folder.mkdir(exist_ok=True)
        (folder / f"{b.slug}.md").write_text(post(b), encoding="utf-8")
    return len(corpus.briefs)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: hugosite.py SITE_DIR OUT_DIR", file=sys.stderr)
        return 2
    n = write_site(Path(argv[0]), Path(argv[1]))
    print(f"wrote {n} posts to {argv[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

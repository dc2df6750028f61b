"""The same briefs as posts of Material's blog plugin: what a team would set up instead of briefkit.

    python -m benchmarks.blog SITE_DIR OUT_DIR     (from the repo root)

reads the site's briefs with briefkit's own loader, keeps what a public build
shows (same "now" as the benchmark), and writes a Material blog: one real
Markdown file per post (the blog plugin fails on generated content-only files)
under ``docs/blog/posts/<section>/``, with the section's names as categories,
the brief's tags as tags, and the nav as the blog plugin makes it (one
``Blog`` entry; the plugin adds archive, category and pagination pages).
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import datetime
from pathlib import Path

from benchmarks.corpus import NOW, THEME_AND_MARKDOWN
from briefkit.common.report import Reporter
from briefkit.config import load_config
from briefkit.model import Brief
from briefkit.pipeline.stages import load_valid


def _scalar(text: str) -> str:
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def post(b: Brief) -> str:
    """One post: front matter, title, summary as excerpt, then what the brief page shows."""
    when = b.date if isinstance(b.date, datetime) else datetime.combine(b.date, datetime.min.time())
    lines = [
        "---",
        f"date: {when.strftime('%Y-%m-%d %H:%M:%S')}",
        f"slug: {b.slug}",
        "categories:",
        *(f"  - {_scalar(name)}" for name in b.section.names),
        "tags:",
        *(f"  - {_scalar(t.name)}" for t in b.tags),
        "---",
        "",
        f"# {b.title}",
        "",
        b.summary,
        "",
        "<!-- more -->",
        "",
        content(b),
    ]
    return "\n".join(lines)


def content(b: Brief) -> str:
    """What the brief page shows below its summary, as Markdown (shared with the Hugo peer, benchmarks/hugosite.py)."""
    lines: list[str] = []
    if b.bluf:
        lines += [f"**Bottom line:** {b.bluf}", ""]
    if b.key_points:
        lines += ["## Key points", "", *(f"- {k}" for k in b.key_points), ""]
    lines += [b.body.rstrip(), ""]
    if b.sources:
        lines += ["## Sources", ""]
        lines += [f"- [{s.title}]({s.url}) ({s.publisher})" if s.url else f"- {s.title}" for s in b.sources]
        lines.append("")
    return "\n".join(lines)


MKDOCS = (
    """\
site_name: Synthetic Blog ({n})
site_url: https://bench.example.org/
"""
    + THEME_AND_MARKDOWN
    + """\
plugins:
  - search
  - blog:
      blog_dir: blog
      post_url_format: "{{slug}}"
  - tags
nav:
  - Blog:
      - blog/index.md
  - Tags: tags.md
"""
)


def write_blog(site: Path, out: Path) -> int:
    config = load_config(site)
    corpus = load_valid(config, Reporter(quiet=True)).corpus.public(NOW, config.tz)
    if out.exists():
        shutil.rmtree(out)
    posts = out / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (out / "mkdocs.yml").write_text(MKDOCS.format(n=len(corpus.briefs)), encoding="utf-8")
    (out / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    (out / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    for b in corpus.briefs:
        folder = posts / b.section.slugs[0]
        folder.mkdir(exist_ok=True)
        (folder / f"{b.slug}.md").write_text(post(b), encoding="utf-8")
    return len(corpus.briefs)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: blog.py SITE_DIR OUT_DIR", file=sys.stderr)
        return 2
    n = write_blog(Path(argv[0]), Path(argv[1]))
    print(f"wrote {n} posts to {argv[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

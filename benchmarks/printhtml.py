"""Bare WeasyPrint on briefkit's own print HTML: the floor under briefkit's PDF pass.

    python -m benchmarks.printhtml dump SITE_DIR HTML_DIR     (from the repo root)
    python -m benchmarks.printhtml render HTML_DIR PDF_DIR

``dump`` writes the print HTML of every PDF a public build makes (each brief and each book, as
``brief-<slug>.html`` and ``book-<name>.html``) using briefkit's document builder, plus
``base_url.txt``.  ``render`` then turns each file into a PDF in one plain loop:
``HTML(string=...).render(font_config=...)`` and ``write_pdf`` with one shared
``FontConfiguration`` and image cache, the same PDF variant and nothing else: no cache, no
workers, no URL fetcher, no templates.  The difference to ``brief pdf --jobs 1`` is briefkit's
own overhead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.corpus import NOW

PDF_VARIANT = "pdf/ua-1"  # what briefkit writes: tagged PDF


def dump(site: Path, out: Path) -> int:
    from briefkit.common.report import Reporter
    from briefkit.config import load_config
    from briefkit.content.markup import BodyRenderer
    from briefkit.content.view import build_views
    from briefkit.pdf import plan
    from briefkit.pdf.documents import DocumentBuilder
    from briefkit.pdf.extensions import markdown_settings
    from briefkit.pipeline.stages import load_valid

    config = load_config(site)
    corpus = load_valid(config, Reporter(quiet=True)).corpus.public(NOW, config.tz)
    body = BodyRenderer(markdown_settings(config))
    builder = DocumentBuilder(config, body, NOW)
    views = build_views(corpus, body, now=NOW, tz=config.tz)
    out.mkdir(parents=True, exist_ok=True)
    (out / "base_url.txt").write_text(config.root.as_uri() + "/", encoding="utf-8")
    count = 0
    for brief in corpus.briefs:
        (out / f"brief-{brief.slug}.html").write_text(builder.brief(views.of(brief)).html, encoding="utf-8")
        count += 1
    for book in plan(config, corpus):
        if book.briefs:
            (out / f"book-{book.name}.html").write_text(builder.book(book, views.by_slug).html, encoding="utf-8")
            count += 1
    return count


def render(html_dir: Path, out: Path) -> int:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    base_url = (html_dir / "base_url.txt").read_text(encoding="utf-8").strip()
    fonts = FontConfiguration()
    images: dict[str, object] = {}
    out.mkdir(parents=True, exist_ok=True)
    pages = 0
    for path in sorted(html_dir.glob("*.html")):
        document = HTML(string=path.read_text(encoding="utf-8"), base_url=base_url).render(
            font_config=fonts, cache=images, pdf_variant=PDF_VARIANT
        )
        document.write_pdf(out / f"{path.stem}.pdf", pdf_variant=PDF_VARIANT, cache=images)
        pages += len(document.pages)
    return pages


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("dump", "render"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    if argv[0] == "dump":
        n = dump(Path(argv[1]), Path(argv[2]))
        print(f"wrote {n} print HTML documents to {argv[2]}", file=sys.stderr)
    else:
        pages = render(Path(argv[1]), Path(argv[2]))
        print(f"rendered {pages} pages into {argv[2]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Search that scales: Pagefind's sharded index instead of Material's one big ``search_index.json``.

With ``search: pagefind`` a build

1. has the MkDocs adapter switch Material's search plugin off for the run (``briefkit.web.engine.site``), so no
   ``search_index.json`` is written or downloaded, and links the search page from the nav;
2. adds a search page at ``/search/`` (:func:`search_pages`) whose script loads Pagefind
   only when a reader starts searching;
3. after MkDocs, indexes the brief pages of the built site (:func:`index_site`) into
   ``pagefind/``.  Brief pages mark what to index with ``data-pagefind-body``, their filters
   (tag, section, year) with ``data-pagefind-filter`` and the result fields (title, date,
   summary) with ``data-pagefind-meta``.

A browser then fetches only the index shards and result fragments a query needs.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.errors import BriefkitError
from briefkit.web import urls

BUNDLE_DIR = "pagefind"
"""Pagefind's output folder inside the site (URL ``/pagefind/``)."""
SEARCH_URL = "search/"
"""The search page (documented, stable)."""
BRIEF_PAGES = urls.brief("*") + "index.html"
"""Only brief pages are indexed: listings would repeat every title and summary."""
MATERIAL_SEARCH = ("search", "material/search")


def enabled(config: Config) -> bool:
    return config.options.search == "pagefind"


def search_pages(config: Config) -> dict[str, bytes]:
    """Docs files of the search page (``{path in docs folder: bytes}``); none unless Pagefind is on.

    The page is plain Markdown with an HTML form; its script and styles are
    static files beside it, so it works with any theme override and under any
    path prefix (every URL in it is relative).
    """
    if not enabled(config):
        return {}
    from briefkit.content.templating import environment, layered_files

    env = environment(config)
    base = SEARCH_URL
    page = env.get_template("search/page.md.j2").render(
        site_name=config.site_name,
        bundle=urls.relative(BUNDLE_DIR + "/", base),
        home=urls.relative(urls.HOME, base),
    )
    files = {urls.source_path(base): page.encode("utf-8")}
    static = layered_files(config, "search")  # read like every input: inside the site root, regular files only
    for name in ("pagefind-search.js", "pagefind-search.css"):
        # Static files, copied as written (never templated); a site's own copy wins, as for templates.
        files[base + name] = static[name]
    return files


def index_site(config: Config, site_dir: Path, reporter: Reporter) -> None:
    """Index a built site with Pagefind when ``search: pagefind`` is set.

    The bundle is written beside the site and moved into place only when
    complete, so a failed indexing run never leaves half an index behind.
    """
    if not enabled(config):
        return
    try:
        from pagefind.service import PagefindService  # noqa: F401  (checks that it is installed)
    except ImportError:
        raise BriefkitError(
            "search: pagefind needs the Pagefind package",
            hint="install it with: pip install 'briefkit[search]'  (or set search: material in mkdocs.yml)",
        ) from None
    site_dir = site_dir.resolve()
    target = site_dir / BUNDLE_DIR
    staging = site_dir.parent / f".{site_dir.name}.{BUNDLE_DIR}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        pages = asyncio.run(_index(site_dir, staging, config.language))
    except BriefkitError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except Exception as exc:  # the Pagefind service reports failures as bare exceptions
        shutil.rmtree(staging, ignore_errors=True)
        raise BriefkitError(f"Pagefind could not index {site_dir}: {exc}", hint="rerun with BRIEFKIT_DEBUG=1 for details") from None
    shutil.rmtree(target, ignore_errors=True)
    staging.replace(target)
    if pages == 0:
        reporter.warn("search: Pagefind found no brief pages to index; the search page will find nothing")
    else:
        reporter.note(f"search: Pagefind indexed {pages} brief page(s) into {BUNDLE_DIR}/")


async def _index(site_dir: Path, output: Path, language: str) -> int:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    lang = (language or "en").split("-")[0].lower()
    # One language for the whole site: one WASM file and one index, however pages are tagged.
    config = IndexConfig(force_language=lang, output_path=str(output))
    async with PagefindService() as service:
        index = await service.create_index(config)
        result = await index.add_directory(str(site_dir), glob=BRIEF_PAGES)
        # write_files(), not get_files(): the latter pipes the whole index through stdout and can deadlock.
        await index.write_files(output_path=str(output))
        return int(result.get("page_count", 0))

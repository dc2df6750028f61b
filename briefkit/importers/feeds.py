"""Atom and RSS feeds, from a file or a URL: one draft per entry.

feedparser is given bytes, never a file name or URL, so it fetches nothing;
a URL is fetched here (http and https only, with the PDF fetch timeout and size
limit).  Entry HTML becomes Markdown; images stay links and are not fetched.
"""

from __future__ import annotations

import base64
import calendar
import re
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from typing import Any

from briefkit.errors import Problem, error
from briefkit.importers.common import Draft, Site, as_text, html_to_markdown, plain

_ENTRY = re.compile(r"<(?:\w+:)?(?:entry|item)[\s>]")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """urllib would follow a redirect to ftp://; a feed import follows only http(s)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if not re.match(r"^https?://", newurl, re.I):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http(s) address: {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, site: Site) -> tuple[bytes | None, list[Problem]]:
    if not re.match(r"^https?://", url, re.I):
        return None, [error(url, 0, 0, "bad-url", "only http and https feeds can be fetched")]
    limit = site.config.options.max_file_size * 8
    parts = urllib.parse.urlsplit(url)
    headers = {"User-Agent": "briefkit-import"}
    if parts.username is not None:  # a private feed: user:password@ becomes HTTP basic auth
        token = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
        headers["Authorization"] = "Basic " + base64.b64encode(token.encode("utf-8")).decode("ascii")
        url = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    try:
        with opener.open(request, timeout=site.config.options.pdf.timeout) as response:
            data: bytes = response.read(limit + 1)
    except (OSError, ValueError) as exc:
        return None, [error(url, 0, 0, "fetch-failed", f"cannot fetch the feed: {exc}")]
    if len(data) > limit:
        return None, [error(url, 0, 0, "file-too-large", f"the feed is over {limit:,} bytes")]
    return data, []


def _when(parsed: Any) -> datetime | None:
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC) if parsed else None


def _author(entry: Any) -> list[str]:
    names = [as_text(a.get("name")) for a in entry.get("authors", []) if as_text(a.get("name")) and "@" not in as_text(a.get("name"))]
    if names:
        return names
    raw = as_text(entry.get("author"))
    m = re.search(r"\(([^)]+)\)", raw)  # RSS: "jane@example.org (Jane Roe)"
    if m:
        return [m.group(1).strip()]
    return [raw] if raw and "@" not in raw else []


def parse(data: bytes, shown: str, site: Site) -> list[Draft] | list[Problem]:
    import feedparser

    try:
        feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except (ValueError, LookupError) as exc:  # feedparser raises on some broken encoding declarations
        return [error(shown, 1, 1, "bad-feed", f"not a feed feedparser can read: {exc}")]
    if not feed.entries:
        why = f": {feed.get('bozo_exception')}" if feed.get("bozo") else ""
        return [error(shown, 1, 1, "bad-feed", f"no feed entries found{why}", "give an RSS or Atom file, or its URL")]
    text = data.decode("utf-8", "replace")
    starts = [text.count("\n", 0, m.start()) + 1 for m in _ENTRY.finditer(text)]
    publisher = as_text(feed.feed.get("title"))
    drafts: list[Draft] = []
    for i, entry in enumerate(feed.entries):
        draft = Draft(shown, line=starts[i] if i < len(starts) else 1)
        draft.title = as_text(entry.get("title")) or f"Untitled entry {i + 1}"
        if not as_text(entry.get("title")):
            draft.note(draft.line, 1, "import-title", f"entry has no title; called '{draft.title}'")
        content = entry.get("content") or []
        html = (content[0].get("value") if content else entry.get("summary")) or ""  # a broken feed can give None
        draft.body = html_to_markdown(html)
        if content and isinstance(entry.get("summary"), str) and entry["summary"]:
            draft.summary = plain(html_to_markdown(entry["summary"]))
            if "\n" in draft.summary or not draft.summary:
                draft.summary = ""
        # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed, with a warning.
        updated = _when(dict.get(entry, "updated_parsed"))
        draft.date = _when(dict.get(entry, "published_parsed")) or updated
        if draft.date is not None and updated is not None and updated > draft.date:
            draft.updated = updated
        draft.authors = _author(entry)
        draft.tags = [(as_text(t.get("term")), draft.line, 1) for t in entry.get("tags", []) if as_text(t.get("term"))]
        if publisher:
            draft.section = [publisher]
            draft.note(draft.line, 1, "import-section", f"filed under the feed's title '{publisher}'", "pass --section to choose")
        link = as_text(entry.get("link"))
        if re.match(r"^https?://", link):
            source = {"title": draft.title, "url": link}
            if publisher:
                source["publisher"] = publisher
            draft.sources = [source]
        if not draft.body:
            draft.body = draft.title
            draft.note(draft.line, 1, "import-body", "entry has no content; the body repeats the title")
        drafts.append(draft)
    return drafts

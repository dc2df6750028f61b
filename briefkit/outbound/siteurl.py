"""The site's URL, which every file that leaves the site needs: its links must be absolute and its ids stable."""

from __future__ import annotations

from urllib.parse import urlsplit

from briefkit.config import Config
from briefkit.errors import BriefkitError, error


def require_site_url(config: Config, what: str) -> str:
    """``site_url`` from mkdocs.yml; its absence stops ``what`` with a problem line."""
    url = config.site_url.strip()
    if not url or urlsplit(url).scheme not in {"http", "https"} or not urlsplit(url).hostname:
        shown = config.file.name
        raise BriefkitError(
            f"{what} needs the site's URL",
            problems=[
                error(
                    shown,
                    0,
                    0,
                    "no-site-url",
                    f"{what} needs 'site_url' in {shown} (an http or https URL)",
                    "add e.g. 'site_url: https://briefs.example.org/'",
                )
            ],
        )
    return url


def site_host(config: Config) -> str:
    return urlsplit(require_site_url(config, "this")).hostname or "localhost"

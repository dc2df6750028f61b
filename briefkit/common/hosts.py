"""Which remote hosts a site allows (``pdf.allowed_hosts``): one rule for print's fetcher and for image sources."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit


def host_allowed(url: str, allowed_hosts: Iterable[str]) -> bool:
    """An http(s) URL whose host is on the list; ``*.example.org`` allows its subdomains."""
    host = (urlsplit(url).hostname or "").lower()
    for entry in allowed_hosts:
        allowed = entry.lower().strip()
        if allowed.startswith("*."):
            if host.endswith(allowed[1:]):
                return True
        elif allowed and host == allowed:
            return True
    return False

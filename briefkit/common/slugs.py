"""The one slug helper: names (tags, sections, authors) to URL and file-name parts."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from slugify import slugify as _slugify

from briefkit.common.limits import SLUG_CHARS


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Lowercase ASCII with hyphens; non-ASCII is transliterated.

    A slug is at most ``SLUG_CHARS`` characters, so that every file and folder
    named after it fits any file system (255 bytes a name).  A longer one is
    cut and ends in a hash of the whole, so two long names that differ only
    at the end still get different slugs, and the same name always the same.
    """
    slug = str(_slugify(text))
    if len(slug) <= SLUG_CHARS:
        return slug
    digest = hashlib.sha256(slug.encode("ascii")).hexdigest()[:8]
    return slug[: SLUG_CHARS - len(digest) - 1].rstrip("-") + "-" + digest

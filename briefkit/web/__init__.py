"""Page models and Jinja rendering of the site's Markdown pages.

This package knows nothing of MkDocs or WeasyPrint: it turns a corpus into
files (``{path: bytes}``) that any engine reading ``mkdocs.yml`` can build.
"""

from __future__ import annotations

from briefkit.web.docs import DocsRenderer, template_problem
from briefkit.web.pages import BriefPage, SiteIndex, SiteInfo

__all__ = ["BriefPage", "DocsRenderer", "SiteIndex", "SiteInfo", "template_problem"]

"""Fixtures for website tests; the helpers live in sitetools.py."""

from tests.web.sitetools import make_site

__all__ = ["make_site"]

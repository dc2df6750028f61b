"""Fixtures for the quality tests: the demo site, built once per session (helpers in qualitytools.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from qualitytools import build_demo


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo newsroom as shipped (Material's search)."""
    return build_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="session")
def demo_pagefind(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo newsroom with `search: pagefind`: the same pages plus /search/."""
    return build_demo(tmp_path_factory.mktemp("demo-pagefind"), pagefind=True)


@pytest.fixture(scope="session")
def demo_preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo newsroom built with --preview: drafts, embargoed and AMBER briefs included, with badges."""
    return build_demo(tmp_path_factory.mktemp("demo-preview"), preview=True)

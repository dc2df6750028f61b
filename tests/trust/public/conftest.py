"""The git repository the history, dates and review-output promises are tested in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.review.conftest import GitSite


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[GitSite]:
    """An empty site folder for scripted commits, with the developer's git config out of reach (no chdir)."""
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield GitSite(root)

"""Which books a build plans: the daily-edition limit keeps huge archives bounded."""

from __future__ import annotations

from briefkit.config import load_config
from briefkit.pdf.books import plan
from briefkit.source.load import load
from tests.conftest import FileTree, brief_yaml


def daily_books(build_file_tree: FileTree, config_text: str) -> list[str]:
    files: dict[str, str | bytes] = {f"briefs/b{i}.yaml": brief_yaml(date=f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}") for i in range(35)}
    files["mkdocs.yml"] = config_text
    root = build_file_tree(files)
    config = load_config(root)
    return [b.name for b in plan(config, load(config).corpus) if b.kind == "daily"]


def test_daily_editions_default_to_the_newest_30_dates(build_file_tree: FileTree) -> None:
    names = daily_books(build_file_tree, "site_name: x\n")
    assert len(names) == 30
    assert names[0] == "daily-2026-02-07" and names[-1] == "daily-2026-01-06"


def test_daily_limit_zero_prints_every_day(build_file_tree: FileTree) -> None:
    names = daily_books(build_file_tree, "site_name: x\nplugins:\n  - briefkit:\n      pdf:\n        books:\n          daily_limit: 0\n")
    assert len(names) == 35

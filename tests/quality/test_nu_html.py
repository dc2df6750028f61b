"""The Nu HTML checker (npm vnu-jar, run with Java) on every page of the demo site.

briefkit's own templates give 0 errors and 0 warnings.  The only errors left are Material's own
(autocomplete on its drawer and search toggles), listed in qualitytools and docs/quality.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from qualitytools import is_known_material_error, nu_messages


@pytest.fixture(scope="module")
def messages(demo_pagefind: Path) -> list[dict[str, Any]]:
    return nu_messages(demo_pagefind)


def _report(messages: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['type']}/{m.get('subType', '')}: {m['message']}" for m in messages[:20]
    )


def test_no_errors_or_warnings_from_briefkit_on_any_page(demo_pagefind: Path, messages: list[dict[str, Any]]) -> None:
    checked = {m["url"] for m in messages if "url" in m}
    ours = [m for m in messages if not is_known_material_error(m) and (m["type"] == "error" or m.get("subType") == "warning")]
    assert ours == [], _report(ours)
    # The filter matches something real: Material's toggles, on every page.
    known = [m for m in messages if is_known_material_error(m)]
    assert known, "Material's search input errors went away: update docs/quality.md and KNOWN_MATERIAL_NU_ERRORS"
    assert len(checked) == len(list(demo_pagefind.rglob("*.html")))


def test_the_headings_of_every_page_go_down_one_level_at_a_time(messages: list[dict[str, Any]]) -> None:
    """The 52 skips were cards (h3) straight after a listing's h1; the brief page's nested <article> gave the warnings."""
    assert [m for m in messages if "heading" in m["message"].lower() or "article" in m["message"].lower()] == []

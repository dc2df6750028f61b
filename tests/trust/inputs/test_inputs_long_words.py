"""§3.7: no regex over body text may backtrack.  A 200,000-character word (no dots) once cost minutes in the PDF cache key.

The timeouts here are hang guards, not speed targets: the key takes well
under a second; the old regex needed about 40 s for 120,000 characters and
grew with the square of the length.  Correctness is what is asserted: the
key is computed, still sees an image named after the long word, and the
build succeeds.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from inputsite import build, site, write
from leakscan import pdf_text

from briefkit.config import load_config
from briefkit.content.markup import BodyRenderer
from briefkit.pdf.cache import AssetIndex, base_key, brief_key
from briefkit.pdf.extensions import markdown_settings
from briefkit.source.load import load
from tests.conftest import brief_yaml

HANG_GUARD = 20.0
N = 200_000

BODIES = {
    "letters": "w" * N,
    "percent-escapes": "%41" * (N // 3),
    "url-like": "a/" * (N // 2),
    "dotless-then-image": "w" * N + "\n\n![map](../../assets/map.png)",
    "long-name-with-extension": "w" * N + ".png",
    "open-urls": '<td style="' + "url(" * (N // 4) + '">x</td>',
    "unclosed-tag": "<img src=" + "x" * N,
}


def keys_within_guard(root: Path) -> dict[str, str]:
    """The PDF key of every brief, computed in a thread that must finish within the guard."""
    config = load_config(root)
    result = load(config)
    assert not result.errors, result.errors
    out: dict[str, str] = {}
    failure: list[BaseException] = []

    def work() -> None:
        try:
            settings = markdown_settings(config)
            assets = AssetIndex(config.path(config.options.assets_dir), config.root, BodyRenderer(settings))
            base = base_key(config, settings, assets, preview=False)
            for b in result.corpus.briefs:
                out[b.slug] = brief_key(base, b, "", assets)
        except BaseException as exc:  # reported below, in the test's thread
            failure.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    assert not thread.is_alive(), f"the PDF cache key took more than {HANG_GUARD:g} s (a hang)"
    assert not failure, failure
    return out


@pytest.mark.parametrize("case", BODIES)
def test_the_cache_key_of_a_long_word_is_computed(tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    root = site(tmp_path / "site", pdf=True, briefs={"world/long.yaml": brief_yaml(body=BODIES[case] + "\n")})
    write(root, {"assets/map.png": b"red", "assets/" + "w" * 200 + ".png": b"x"})
    monkeypatch.chdir(root)
    first = keys_within_guard(root)
    assert len(first["long"]) == 64

    write(root, {"assets/map.png": b"blue"})
    second = keys_within_guard(root)
    if case == "dotless-then-image":  # the image after the long word is still found
        assert second["long"] != first["long"]
    else:  # and nothing else is: an unrelated image does not change this brief's key
        assert second["long"] == first["long"]


def test_a_site_with_a_long_word_builds(tmp_path: Path) -> None:
    body = "w" * N + "\n\nAfter the long word.\n"
    root = site(tmp_path / "site", pdf=True, briefs={"world/long.yaml": brief_yaml(body=body)})
    run = build(root, timeout=120)  # a hang guard for the whole build (about 15 s here, PDF layout included)
    assert run.code == 0, run.output
    out = root / "build" / "site"
    assert "After the long word." in (out / "briefs" / "long" / "index.html").read_text(encoding="utf-8")
    assert "After the long word." in pdf_text(out / "pdf" / "long.pdf")

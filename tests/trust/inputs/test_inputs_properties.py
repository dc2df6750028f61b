"""Property tests for the input rules that have a shape.

* Whatever line pymdownx.snippets would act on, ``brief check`` warns about
  (its own regex is the oracle), and the body renderer never includes it.
* Whatever an asset file is called, a body that refers to it (as Markdown or
  raw HTML, percent-encoded as a browser would) puts it in the PDF cache key.
"""

from __future__ import annotations

import html
import tempfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st
from pymdownx.snippets import SnippetPreprocessor

from briefkit.content.markup import BodyRenderer, MarkdownSettings
from briefkit.model import Brief
from briefkit.pdf.cache import AssetIndex
from briefkit.source.includes import is_include_line

SNIPPET_LINE = SnippetPreprocessor.RE_ALL_SNIPPETS

line_parts = st.lists(
    st.sampled_from([" ", "\t", ";", "-", "--", "8", "<", "8<", "--8<--", '"', "'", "a.txt", "x", ":1:2", "[start:s]", "\r"]),
    max_size=10,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(line_parts, st.text(max_size=40)))
def test_every_line_snippets_would_act_on_is_reported(line: str) -> None:
    if SNIPPET_LINE.match(line):
        assert is_include_line(line), repr(line)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(['--8<-- "{}"', "--8<--\n{}\n--8<--", '-8<- "{}"', '  ---8<--- "{}"', 'Text\n--8<-- "{}"']))
def test_the_body_renderer_never_includes(template: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        secret = Path(tmp) / "secret.txt"
        secret.write_text("cnrypropsecret\n", encoding="utf-8")
        settings_ = MarkdownSettings(extensions=("pymdownx.snippets",), configs={"pymdownx.snippets": {"base_path": [tmp]}})
        out = BodyRenderer(settings_).html(template.format("secret.txt"))
    assert "cnrypropsecret" not in out
    assert "8&lt;" in out


# File names: any characters a file system allows, not hidden (the site never publishes those).
names = (
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0\\"), min_size=1, max_size=30)
    .filter(lambda n: not n.startswith(".") and n.strip() == n and len(n.encode("utf-8")) < 200)
    .map(lambda n: n + ".png")
)

_BRIEF: Brief | None = None


def a_brief(body: str) -> Brief:
    """A loaded brief with the given body (loaded once; the key reads only slug, digest and body here)."""
    global _BRIEF
    if _BRIEF is None:
        from briefkit.config import load_config
        from briefkit.source.load import load
        from tests.conftest import brief_yaml

        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "briefs").mkdir()
            (root / "briefs" / "piece.yaml").write_text(brief_yaml(), encoding="utf-8")
            _BRIEF = load(load_config(root)).corpus.briefs[0]
    return replace(_BRIEF, body=body, digest=str(hash(body)))


@settings(max_examples=150, deadline=None)
@given(names, st.sampled_from(["markdown", "markdown-angle", "html"]))
def test_any_referenced_asset_is_in_the_key(name: str, form: str) -> None:
    url = "../../assets/" + quote(name)
    body = {
        "markdown": f"See ![map]({url}).",
        "markdown-angle": f"See ![map](<{url}>).",
        "html": f'See <img alt="map" src="{html.escape(url, quote=True)}">.',
    }[form]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        assets = root / "assets"
        assets.mkdir()
        (assets / name).write_bytes(b"one")
        (assets / "other.png").write_bytes(b"other")
        brief = a_brief(body)
        first = AssetIndex(assets, root, BodyRenderer()).brief(brief)
        (assets / name).write_bytes(b"two")
        second = AssetIndex(assets, root, BodyRenderer()).brief(brief)
        (assets / "other.png").write_bytes(b"changed")
        third = AssetIndex(assets, root, BodyRenderer()).brief(brief)
    assert first and second and first != second, f"{name!r} is not in the key"
    if name != "other.png":
        assert third == second  # an unrelated image does not re-render this PDF

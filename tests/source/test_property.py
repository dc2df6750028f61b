"""Random and mutated YAML never raises anything but a reported problem."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit.config import Config
from briefkit.source.load import load
from tests.conftest import brief_yaml

VALID = brief_yaml(
    kind="analysis",
    sources=[{"title": "R", "url": "https://example.org"}],
    corrections=[{"date": "2026-11-21", "text": "Fixed."}],
    key_points=["One"],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["2026-13-40", "2026-11-01T10:00", "TLP:AMBER", "published", "", "  ", "{{ x }}"]),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12
)
fields = st.sampled_from(
    [*sorted(yaml.safe_load(VALID)), "bogus", "sources", "corrections", "publish_at", "expires", "handling", "confidence"]
)


def check_text(tmp: Path, text: str | bytes) -> None:
    briefs = tmp / "briefs"
    briefs.mkdir(exist_ok=True)
    target = briefs / "fuzz.yaml"
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    result = load(Config(root=tmp, file=tmp / "mkdocs.yml"))
    for p in result.problems:
        assert p.path.endswith("fuzz.yaml") and p.line >= 0 and p.col >= 0 and p.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(fields, values, max_size=8))
def test_random_mappings(tmp_path: Path, data: dict[str, object]) -> None:
    base = yaml.safe_load(VALID)
    base.update(data)
    check_text(tmp_path, yaml.safe_dump(base, allow_unicode=True))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(VALID)), junk=st.text(max_size=12), drop=st.integers(0, 40))
def test_mutated_text(tmp_path: Path, cut: int, junk: str, drop: int) -> None:
    text = VALID[:cut] + junk + VALID[cut + drop :]
    check_text(tmp_path, text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_random_bytes(tmp_path: Path, raw: bytes) -> None:
    check_text(tmp_path, raw)

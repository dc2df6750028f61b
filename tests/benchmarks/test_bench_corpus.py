"""The synthetic corpus: deterministic, valid, and shaped like a real archive."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

from benchmarks import corpus
from briefkit.config import load_config
from briefkit.model import Status, Tlp, visibility
from briefkit.pipeline.stages import check


def _digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    corpus.generate(tmp_path / "one", 40, seed=7)
    corpus.generate(tmp_path / "two", 40, seed=7)
    one, two = _digest(tmp_path / "one"), _digest(tmp_path / "two")
    assert len(one) == 40 + 3  # briefs, _tags.yml, _authors.yml, mkdocs.yml
    assert one == two


def test_another_seed_gives_another_corpus(tmp_path: Path) -> None:
    a = corpus.briefs(20, seed=1)
    b = corpus.briefs(20, seed=2)
    assert [x.text for x in a] != [x.text for x in b]
    assert sum(x.text == y.text for x, y in zip(a, b, strict=True)) == 0


def test_first_k_briefs_are_the_k_corpus() -> None:
    """Each brief has its own RNG: the runner samples PDFs from a big corpus by taking its prefix."""
    assert [b.text for b in corpus.briefs(200)[:30]] == [b.text for b in corpus.briefs(30)]


def test_regenerating_replaces_old_briefs(tmp_path: Path) -> None:
    corpus.generate(tmp_path, 30)
    corpus.generate(tmp_path, 10)
    assert len(list((tmp_path / "briefs").rglob("*.yaml"))) == 10


def test_corpus_loads_clean_with_every_status_and_hidden_kind(tmp_path: Path) -> None:
    made = corpus.generate(tmp_path, 300)
    result = check(load_config(tmp_path))
    assert [p.format() for p in result.problems] == []
    briefs = result.corpus.briefs
    assert len(briefs) == 300
    assert {b.status for b in briefs} == set(Status)
    assert {b.handling for b in briefs} == set(Tlp)
    reasons = Counter(visibility(b, corpus.NOW).reason.split(" ")[0] for b in briefs)
    assert reasons[""] > 200  # mostly public
    assert reasons["embargoed"] >= 1 and reasons["expired"] >= 1
    assert sum(1 for b in briefs if b.sources) > 50
    assert sum(1 for b in briefs if b.corrections) >= 3
    assert sum(1 for b in briefs if b.bluf) > 150
    assert sum(1 for b in briefs if b.key_points) > 120
    # The generator's own idea of "public" is the model's.
    public = {b.slug for b in briefs if visibility(b, corpus.NOW).public}
    assert public == {m.slug for m in made if m.public}


def test_realistic_shape(tmp_path: Path) -> None:
    made = corpus.generate(tmp_path, 400)
    result = check(load_config(tmp_path))
    briefs = result.corpus.briefs
    words = [b.word_count for b in briefs]
    assert min(words) >= 500 and max(words) <= 900
    depths = Counter(len(b.section.names) for b in briefs)
    assert depths[3] > 300 and set(depths) <= {2, 3}
    assert len({b.section.names[:3] for b in briefs}) > 40
    # A vocabulary of 200+ tags with a long tail: a few tags are everywhere, most are rare.
    assert len(corpus.tag_names()) >= 200
    uses = Counter(t.slug for b in briefs for t in b.tags)
    ranked = [n for _, n in uses.most_common()]
    assert ranked[0] > 10 * ranked[len(ranked) // 2]
    assert len(uses) > 120
    # Varied text, not one repeated sentence.
    sentences = [s for b in briefs for s in re.split(r"(?<=[.!?])\s+", b.body) if len(s.split()) > 5]
    assert len(set(sentences)) > 0.8 * len(sentences)
    # Folders: briefs/<section>/<year>/<slug>.yaml, and a unique codename per brief.
    assert all(re.fullmatch(r"briefs/[a-z-]+/\d{4}/[a-z0-9-]+\.yaml", m.path) for m in made)
    assert len({m.codename for m in made}) == len(made)
    assert all(m.codename in m.title for m in made)


def test_codenames_are_unique_at_scale() -> None:
    names = [corpus.codename(i) for i in range(20_000)]
    assert len(set(names)) == len(names)


def test_cli_writes_a_site(tmp_path: Path) -> None:
    assert corpus.main([str(tmp_path), "--briefs", "5", "--search", "pagefind"]) == 0
    assert "search: pagefind" in (tmp_path / "mkdocs.yml").read_text()
    assert len(list((tmp_path / "briefs").rglob("*.yaml"))) == 5

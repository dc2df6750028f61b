"""Editions: the public TLP:CLEAR site, and the named ones of ``mkdocs.yml``.

An edition is an audience with a ceiling: the highest TLP label it may hold.
The public edition is implicit (TLP:CLEAR, written to ``build/site/``);
each named one is written to ``build/editions/NAME/``.  No edition holds
TLP:RED (:mod:`briefkit.config` refuses it): RED goes only to named
recipients, as PDFs.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from briefkit.config import Config
from briefkit.errors import BriefkitError
from briefkit.model import Tlp

PUBLIC = "public"
ALL = "all"


@dataclass(frozen=True)
class Edition:
    name: str
    handling: Tlp
    """The ceiling: the highest label this edition may hold."""
    title: str = ""
    site_url: str = ""

    @property
    def public(self) -> bool:
        return self.name == PUBLIC

    @property
    def shown_title(self) -> str:
        return self.title or ("Public edition" if self.public else f"{self.name.capitalize()} edition")

    def may_hold(self, label: Tlp) -> bool:
        return label.rank <= self.handling.rank

    def root(self, config: Config) -> Path:
        """The folder this edition's build writes (its site is ``site/`` inside)."""
        return config.build_dir if self.public else config.build_dir / "editions" / self.name


def editions(config: Config) -> list[Edition]:
    """The public edition, then the named ones in the order ``mkdocs.yml`` gives them."""
    named = [Edition(name, Tlp(opts.handling), opts.title, opts.site_url or "") for name, opts in config.options.editions.items()]
    return [Edition(PUBLIC, Tlp.CLEAR, "", config.site_url), *named]


def edition_named(config: Config, name: str) -> Edition:
    """The edition called ``name`` (``public`` always exists); a usage error otherwise."""
    known = editions(config)
    for edition in known:
        if edition.name == name:
            return edition
    names = [e.name for e in known]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'?" if close else "editions: " + ", ".join([*names, ALL])
    raise BriefkitError(f"no edition '{name}' in mkdocs.yml", hint=hint, exit_code=2)


def chosen(config: Config, name: str | None) -> list[Edition]:
    """What ``--edition NAME`` asks for: one edition, every edition for ``all``, the public one without the option."""
    if name is None:
        return [editions(config)[0]]
    if name == ALL:
        return editions(config)
    return [edition_named(config, name)]

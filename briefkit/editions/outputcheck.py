"""``brief check --editions``: the leak gate on output already built.

Each edition's built site (``build/site`` for the public one,
``build/editions/NAME/site`` for the others) is checked against the briefs
as they are now, with the same gate a build runs before its swap.  A folder
under ``build/editions/`` that names no configured edition cannot be judged
(nothing says what it may hold): it is reported, never passed unchecked.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from briefkit.common.paths import display_path
from briefkit.config import Config
from briefkit.editions.briefs import edition_problems
from briefkit.editions.model import editions
from briefkit.errors import Problem, error, warning
from briefkit.model import Corpus


def check_outputs(config: Config, loaded: Corpus | None, now: datetime) -> list[Problem]:
    """The gate's findings for every built edition under the build folder, sorted.

    ``loaded`` is every brief of the site (None: load them here; a check of
    some files only has not read the rest, which the editions withhold too).
    """
    from briefkit.source.load import load

    if loaded is None:
        loaded = load(config).corpus
    problems: list[Problem] = []
    known: set[Path] = set()
    for edition in editions(config):
        site = edition.root(config) / "site"
        known.add(site.resolve())
        if site.is_dir():
            problems += edition_problems(config, loaded, edition, now, site)
        elif edition.public:
            problems.append(warning(display_path(site), 0, 0, "edition-not-built", "no public site to check", "run 'brief build' first"))
    for folder in sorted(Path(config.build_dir / "editions").glob("*/site")):
        if folder.resolve() not in known:
            problems.append(
                error(
                    display_path(folder),
                    0,
                    0,
                    "edition-unchecked",
                    f"'{folder.parent.name}' is not an edition in mkdocs.yml, so nothing says what it may hold",
                    "delete the folder, or name the edition under the briefkit plugin's 'editions'",
                )
            )
    return sorted(problems)

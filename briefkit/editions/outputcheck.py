"""``brief check --editions``: the leak gate on output already built.

The public site (``build/site``) is checked against the briefs as they are
now: every brief the public corpus leaves out is withheld.  A folder under
``build/editions/*/site`` is an edition this module cannot yet judge (the
edition's own corpus decides what it withholds): it is reported, never passed
unchecked.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from briefkit.config import Config
from briefkit.editions.briefs import public_problems
from briefkit.errors import Problem, error, warning
from briefkit.model import Corpus


def check_outputs(config: Config, loaded: Corpus | None, now: datetime) -> list[Problem]:
    """The gate's findings for every built edition under the build folder, sorted.

    ``loaded`` is every brief of the site (None: load them here; a check of
    some files only has not read the rest, which the public site withholds too).
    """
    from briefkit.source.load import display_path, load

    if loaded is None:
        loaded = load(config).corpus
    problems: list[Problem] = []
    site = config.build_dir / "site"
    if site.is_dir():
        problems += public_problems(config, loaded, now, site)
    else:
        problems.append(warning(display_path(site), 0, 0, "edition-not-built", "no public site to check", "run 'brief build' first"))
    for folder in sorted(Path(config.build_dir / "editions").glob("*/site")):
        problems.append(
            error(
                display_path(folder),
                0,
                0,
                "edition-unchecked",
                f"edition '{folder.parent.name}' cannot be checked: this briefkit does not know what it withholds",
                "build it again with 'brief build --edition NAME', which runs the gate",
            )
        )
    return sorted(problems)

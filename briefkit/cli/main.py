"""The ``brief`` command: the group (:mod:`briefkit.cli.app`) with every command registered.

Exit codes: 0 clean, 1 problems found, 2 usage.
"""

from __future__ import annotations

from briefkit.cli import authoring_commands, outbound_commands, review_commands, site_commands
from briefkit.cli.app import AsOf, guarded, main, now_from, site_config

COMMANDS = (site_commands, authoring_commands, review_commands, outbound_commands)
"""Imported for their effect: each registers its commands on :func:`main`."""

__all__ = ["COMMANDS", "AsOf", "guarded", "main", "now_from", "site_config"]

if __name__ == "__main__":  # python -m briefkit.cli.main, as the tests and workers run it
    main()

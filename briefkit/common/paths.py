"""How a file's path is shown to a person: the one helper for every message, report and log line."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path | str) -> str:
    """Relative to the working directory when possible, always with '/'."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()

"""briefkit: a static site generator for briefing documents."""

__version__ = "0.1.0"

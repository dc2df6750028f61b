"""``brief import``: briefs from what newsrooms already have.

One module per kind of source (``text``, ``frontmatter``, ``feeds``, ``docx``),
each turning bytes into :class:`~briefkit.importers.common.Draft` items;
``common`` turns a draft into brief YAML and checks it with the real loader;
``run`` reads the sources and writes the briefs, all or nothing.
"""

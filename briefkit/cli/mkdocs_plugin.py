"""The ``briefkit`` entry in mkdocs.yml's ``plugins`` list: MkDocs' own commands build briefkit's site.

* ``mkdocs build`` (and ``properdocs build``) runs exactly what ``brief build``
  runs, :func:`briefkit.pipeline.stages.build`: briefs rendered into ``build/docs``,
  the site built by MkDocs in a staging folder, PDFs and search added, the
  whole swapped into ``build/site``.
* ``mkdocs serve`` runs ``brief serve``'s preview build (every brief, no PDFs)
  on each change and serves it; it also watches ``briefs/``, the templates and
  the assets.

The MkDocs run the command started is left with no files and, for ``build``,
a scratch ``site_dir``: MkDocs cleans its ``site_dir`` before building, and
``build/site`` holds the PDFs.  Where the result could not be ``brief build``'s
site (another ``--site-dir``, ``--dirty``, ``gh-deploy``), the command stops
with one line naming the ``brief`` command to use.

``brief build`` loads the same ``mkdocs.yml``, plugin entry included: inside
the MkDocs runs briefkit starts itself (:func:`briefkit.web.engine.site.driving`) the
plugin does nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

SCRATCH = ".mkdocs-command-run"
"""The empty site ``mkdocs build`` itself writes (under the build folder), removed after the build."""


class BriefkitPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    command = "build"
    dirty = False

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[list[Any], list[Any]]:
        # The options belong to briefkit (briefkit.config validates them, with positions).
        self.options = dict(options)
        return [], []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        from briefkit.web.engine.site import driven

        if not driven():  # briefkit's own run says "build": keep what the user's command said
            self.command, self.dirty = command, dirty

    def on_config(self, config: Any) -> Any:
        from briefkit.web.engine.site import driven

        if driven():
            self.raw = self._raw_pages(config)
            return config
        from briefkit.pipeline import stages as pipeline

        bk = self._briefkit_config(config)
        preview = self.command == "serve"
        layout = pipeline.BuildLayout.of(bk, preview)
        refusal = refuse(self.command, self.dirty, config["site_dir"], layout.site)
        if refusal:
            raise PluginError(refusal)
        self._run(bk, preview)
        self.built = layout.site
        if not preview:
            self.scratch = bk.build_dir / SCRATCH
            config["site_dir"] = str(self.scratch)
        # Nothing left for this run to build: the site above is complete.
        config["nav"] = []
        return config

    raw: Any = None
    """briefkit.web.rawpages.RawPages in briefkit's own runs, when its pages may skip Python-Markdown."""

    def _raw_pages(self, config: Any) -> Any:
        from briefkit.content.templating import packaged_templates, search_path
        from briefkit.web.rawpages import RawPages, can_swap

        bk = self._briefkit_config(config)
        own = [folder / "site" for folder in search_path(bk) if folder != packaged_templates()]
        overridden = any(path.is_file() for folder in own if folder.is_dir() for path in folder.rglob("*"))
        return RawPages() if can_swap(config["markdown_extensions"], overridden) else None

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        return self.raw.markdown(markdown, page) if self.raw is not None else markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        return self.raw.content(html, page) if self.raw is not None else html

    def on_files(self, files: Any, *, config: Any) -> Any:
        from briefkit.web.engine.site import driven

        if driven():
            return files
        from mkdocs.structure.files import Files

        return Files([])

    def on_post_build(self, *, config: Any) -> None:
        from briefkit.web.engine.site import driven

        if driven():
            return
        if self.command == "serve":
            _mirror(self.built, Path(config["site_dir"]))
        else:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        from briefkit.web.engine.site import driven

        if driven():
            return server
        bk = self._briefkit_config(config)
        opts = bk.options
        for path in (bk.briefs_dir, bk.path(opts.templates_dir), bk.path(opts.assets_dir)):
            if path.exists():
                server.watch(str(path))
        return server

    def _briefkit_config(self, config: Any) -> Any:
        from briefkit.config import load_config
        from briefkit.errors import BriefkitError

        file = Path(config["config_file_path"]).resolve()
        try:
            return load_config(file.parent, file)
        except BriefkitError as exc:
            raise PluginError(_reported(exc)) from None

    def _run(self, bk: Any, preview: bool) -> None:
        from briefkit.cli.main import now_from
        from briefkit.common.report import Reporter
        from briefkit.errors import BriefkitError
        from briefkit.pipeline import stages as pipeline

        try:
            pipeline.build(bk, Reporter(), now=now_from(None), preview=preview, pdf=not preview, jobs=bk.options.pdf.jobs)
        except BriefkitError as exc:
            raise PluginError(_reported(exc)) from None


def refuse(command: str, dirty: bool, site_dir: str, site: Path) -> str:
    """One line naming the ``brief`` command to use, when MkDocs' command cannot give briefkit's site; else ''."""
    if command == "gh-deploy":
        return "mkdocs gh-deploy cannot publish briefkit's site with its PDFs: run `brief build`, then publish build/site/"
    if command == "serve":
        return ""
    if dirty:
        return "mkdocs build --dirty: briefkit's builds are incremental already; run `brief build` (or `mkdocs build`)"
    if os.path.abspath(site_dir) != os.path.abspath(site):
        from briefkit.common.paths import display_path

        return f"briefkit builds its site into {display_path(site)}/ only, not {display_path(Path(site_dir))}: run `brief build`"
    return ""


def _reported(exc: Any) -> str:
    """Print the problems (PATH:LINE:COL lines) and return the one-line message MkDocs shows."""
    from briefkit.common.report import Reporter

    reporter = Reporter()
    if exc.problems:
        reporter.problems(exc.problems)
    message = str(exc.message or exc)
    return f"{message} (hint: {exc.hint})" if exc.hint else message


def _mirror(source: Path, target: Path) -> None:
    """Make ``target`` (the folder ``mkdocs serve`` serves) hold the preview site; hard links when possible."""
    from mkdocs.utils import clean_directory

    clean_directory(str(target))

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link, dirs_exist_ok=True)

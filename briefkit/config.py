"""Site configuration: the ``briefkit`` plugin entry of ``mkdocs.yml``.

A site has one config file.  briefkit reads its own options from the
``plugins: - briefkit: {...}`` entry and a few MkDocs keys (site name and
URL, language); MkDocs reads the rest.  Options are validated like briefs,
with positions.
"""

from __future__ import annotations

import hashlib
from datetime import tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError

from briefkit.common import safefs
from briefkit.common.paths import display_path
from briefkit.common.yaml12 import Yaml11Loader
from briefkit.common.yamlsrc import Document, decode, parse
from briefkit.errors import BriefkitError, Problem, error
from briefkit.options import BriefkitOptions

CONFIG_FILE = "mkdocs.yml"
ENGINE_CONFIG_MARK = "# Written by briefkit on each build"
"""The first words of the engine config briefkit writes into the build folder (briefkit.web.engine.engines)."""


class Config(BaseModel):
    """Everything briefkit needs from mkdocs.yml, frozen."""

    model_config = ConfigDict(frozen=True)

    root: Path
    file: Path
    site_name: str = "Briefings"
    site_url: str = ""
    site_description: str = ""
    language: str = "en"
    options: BriefkitOptions = BriefkitOptions()
    digest: str = ""
    """Hash of the whole config as parsed (:func:`yaml_digest`): any changed value counts; comments, layout and key order do not."""
    _document: dict[str, Any] = PrivateAttr(default_factory=dict)

    @property
    def document(self) -> dict[str, Any]:
        """The file as :func:`load_config` parsed it (tags kept as text), so no later step parses it again; {} if not loaded."""
        return self._document

    @property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.options.timezone)

    def path(self, relative: str) -> Path:
        return self.root / relative

    @property
    def briefs_dir(self) -> Path:
        return self.path(self.options.briefs_dir)

    @property
    def build_dir(self) -> Path:
        return self.path(self.options.build_dir)


def load_config(root: Path | None = None, file: Path | None = None) -> Config:
    """Read ``mkdocs.yml``; without one, defaults apply (``brief check`` works anywhere)."""
    root = (root or Path.cwd()).resolve()
    file = file or root / CONFIG_FILE
    if not file.exists():
        return Config(root=root, file=file)
    shown = display_path(file)
    try:  # a FIFO or device named mkdocs.yml would block a plain read forever
        raw = safefs.open_regular(file.resolve())
    except safefs.Refused as refused:
        raise BriefkitError(f"{shown} cannot be read", problems=[safefs.problem(shown, refused)]) from None
    text, problems = decode(raw, shown)
    doc = None
    if text is not None:
        doc, problems = parse(text, shown, tolerate_tags=True)
    if text is None or doc is None or problems:
        raise BriefkitError(f"{shown} is not valid", problems=problems)
    data = doc.data if isinstance(doc.data, dict) else {}
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    options, at = _plugin_options(data)
    try:
        opts = BriefkitOptions.model_validate(options)
    except ValidationError as exc:
        raise BriefkitError(f"{shown} has invalid briefkit options", problems=_option_problems(exc, doc, at, shown)) from None
    clash = build_dir_clash(root, file, opts)
    if clash:
        line, col = doc.pos((*at, "build_dir"))
        problem = error(
            shown,
            line,
            col,
            "config-build-dir",
            f"build_dir '{opts.build_dir}' {clash}; briefkit replaces what is in it",
            hint="use a folder of its own, such as the default 'build'",
        )
        raise BriefkitError(f"{shown} has invalid briefkit options", problems=[problem])
    config = Config(
        root=root,
        file=file,
        site_name=str(data.get("site_name") or "Briefings"),
        site_url=str(data.get("site_url") or ""),
        site_description=str(data.get("site_description") or ""),
        language=str((theme or {}).get("language") or "en"),
        options=opts,
        digest=yaml_digest(text),
    )
    config._document = data
    return config


SOURCE_MARKERS = (CONFIG_FILE, ".git")


def build_dir_clash(root: Path, file: Path, opts: BriefkitOptions) -> str:
    """Why the build folder would hold sources ('' when it holds none).

    The build folder is briefkit's: it writes docs, theme overrides and sites
    there and deletes what it wrote before.  It must not be the site root or
    above it, nor hold (or sit inside) the briefs, templates or assets, the
    config file or a git repository.
    """
    build = (root / opts.build_dir).resolve()
    if root == build:
        return "is the site root"
    if root.is_relative_to(build):
        return "contains the site root"
    sources = {"briefs_dir": opts.briefs_dir, "templates_dir": opts.templates_dir, "assets_dir": opts.assets_dir}
    for name, rel in sources.items():
        folder = (root / rel).resolve()
        if folder.is_relative_to(build):
            return f"contains the {name.removesuffix('_dir')} folder '{rel}'"
        if build.is_relative_to(folder):
            return f"is inside the {name.removesuffix('_dir')} folder '{rel}'"
    if file.resolve().is_relative_to(build):
        return f"contains the config file {file.name}"
    for marker in SOURCE_MARKERS:
        if (build / marker).exists() and not _written_by_briefkit(build / marker):
            return f"contains {marker}"
    return ""


def _written_by_briefkit(path: Path) -> bool:
    """The engine config of an earlier build is briefkit's own output, not a source."""
    if path.is_symlink() or not path.is_file():  # never open a FIFO or follow a link here
        return False
    try:
        with path.open("rb") as f:
            return f.read(len(ENGINE_CONFIG_MARK)) == ENGINE_CONFIG_MARK.encode()
    except OSError:
        return False


def _plugin_options(data: dict[str, Any]) -> tuple[dict[str, Any], tuple[str | int, ...]]:
    plugins = data.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs allows a mapping too
        opts = plugins.get("briefkit")
        return (opts if isinstance(opts, dict) else {}), ("plugins", "briefkit")
    for i, entry in enumerate(plugins if isinstance(plugins, list) else []):
        if isinstance(entry, dict) and "briefkit" in entry:
            opts = entry["briefkit"]
            return (opts if isinstance(opts, dict) else {}), ("plugins", i, "briefkit")
    return {}, ()


def _option_problems(exc: ValidationError, doc: Document, at: tuple[str | int, ...], shown: str) -> list[Problem]:
    problems = []
    for err in exc.errors():
        # pydantic marks a bad mapping key with a '[key]' step after the key itself.
        in_key = "[key]" in err["loc"]
        where = tuple(p for p in err["loc"] if p != "[key]")
        loc = (*at, *where)
        is_key = err["type"] == "extra_forbidden"
        line, col = doc.pos(loc, key=is_key or in_key)
        shown_loc = where[:-1] if in_key else where
        while shown_loc[:1] == ("html",) and isinstance(shown_loc[-1], int):  # the column already says which tag
            shown_loc = shown_loc[:-1]
        name = ".".join(str(p) for p in (where if is_key else shown_loc))
        if is_key:
            problems.append(error(shown, line, col, "config-unknown-option", f"unknown briefkit option '{name}'"))
        else:
            msg = str(err["msg"]).removeprefix("Value error, ")
            problems.append(error(shown, line, col, "config-invalid", f"briefkit option '{name}': {msg}"))
    return problems


def settings(config: Config) -> dict[str, Any]:
    """What briefkit reads from the config, as validated JSON data with defaults filled in.

    Cache keys hash this (or the part a product depends on), never the
    file's bytes: a comment or a reordered mapping is the same settings.
    """
    return {
        "site_name": config.site_name,
        "site_url": config.site_url,
        "site_description": config.site_description,
        "language": config.language,
        "options": config.options.model_dump(mode="json"),
    }


ORDERED_MAPPINGS = ("plugins", "markdown_extensions")
"""Top-level keys whose mapping form keeps its order: MkDocs runs plugins in the order written."""


def yaml_digest(text: str) -> str:
    """A hash of a YAML document's values and tags, as MkDocs' YAML 1.1 reading gives them.

    Comments, layout, quoting style and the order of mapping keys do not
    count (except in :data:`ORDERED_MAPPINGS`); list order does.  Hashed
    node by node (an alias is hashed once), so its cost is linear in the
    document whatever its anchors.
    """
    root = yaml.compose(text, Loader=Yaml11Loader)
    memo: dict[tuple[int, bool], bytes] = {}

    def node_hash(node: yaml.Node, ordered: bool = False) -> bytes:
        seen = (id(node), ordered)
        if seen in memo:
            return memo[seen]
        memo[seen] = b""  # a recursive alias hashes as empty where it recurs
        h = hashlib.sha256(node.tag.encode("utf-8", "surrogatepass") + b"\0")
        if isinstance(node, yaml.MappingNode):
            top = node is root
            pairs = [
                node_hash(k) + node_hash(v, top and isinstance(k, yaml.ScalarNode) and k.value in ORDERED_MAPPINGS) for k, v in node.value
            ]
            h.update(b"{" + b"".join(pairs if ordered else sorted(pairs)))
        elif isinstance(node, yaml.SequenceNode):
            h.update(b"[" + b"".join(node_hash(item) for item in node.value))
        else:
            h.update(b"=" + str(node.value).encode("utf-8", "surrogatepass"))
        memo[seen] = h.digest()
        return memo[seen]

    return hashlib.sha256(node_hash(root) if root is not None else b"").hexdigest()

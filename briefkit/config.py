"""Site configuration: the ``briefkit`` plugin entry of ``mkdocs.yml``.

A site has one config file.  briefkit reads its own options from the
``plugins: - briefkit: {...}`` entry and a few MkDocs keys (site name and
URL, language); MkDocs reads the rest.  Options are validated like briefs,
with positions.
"""

from __future__ import annotations

import hashlib
import re
from datetime import tzinfo
from email.utils import parseaddr
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from briefkit.common import safefs
from briefkit.common.html_policy import attribute_problem, tag_problem
from briefkit.common.paths import display_path
from briefkit.common.yaml12 import Yaml11Loader
from briefkit.common.yamlsrc import Document, decode, parse
from briefkit.errors import BriefkitError, Problem, error

CONFIG_FILE = "mkdocs.yml"
ENGINE_CONFIG_MARK = "# Written by briefkit on each build"
"""The first words of the engine config briefkit writes into the build folder (briefkit.web.engine.engines)."""


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BooksOptions(_Options):
    latest: int = Field(20, ge=0, description="Briefs in the 'latest' book; 0 turns it off.")
    tags: bool = Field(True, description="One book per tag.")
    sections: bool = Field(True, description="One book per top-level section.")
    daily: bool = Field(True, description="One book per publication date.")
    daily_limit: int = Field(30, ge=0, description="Daily editions only for the newest this many dates; 0 means all.")
    max_briefs: int = Field(100, ge=1, description="Books with more briefs keep only the newest this many (the cover says so).")


class PdfOptions(_Options):
    enabled: bool = Field(True, description="Write PDFs during `brief build`.")
    paper: Literal["A4", "Letter"] = "A4"
    jobs: int = Field(0, ge=0, description="Worker processes; 0 means one per core.")
    books: BooksOptions = BooksOptions()
    allowed_hosts: tuple[str, ...] = Field((), description="Hosts PDF images may come from over http(s); '*.example.org' for subdomains.")
    max_bytes: int = Field(5 * 1024 * 1024, ge=1, description="Largest resource (image, attachment) a PDF may embed, in bytes.")
    timeout: float = Field(10.0, gt=0, description="Seconds allowed for each network fetch.")
    cache_dir: str = Field("build/cache/pdf", description="Rendered PDFs by content hash; keep it between CI runs to skip unchanged PDFs.")
    render_timeout: float = Field(
        300.0, gt=0, description="Seconds one PDF may take to render; a render past it is stopped and reported as a problem."
    )
    render_memory: int = Field(
        2048, ge=128, description="MiB of memory (address space) one PDF worker may use; a render past it is stopped and reported."
    )
    variant: Literal["pdf/ua-1", "pdf/a-2b", "pdf/a-3b"] = Field(
        "pdf/ua-1",
        description="Standard the PDFs claim: PDF/UA-1 (accessible, the default) or PDF/A-2b / PDF/A-3b (archival); all are tagged.",
    )


def _allowed_tag(name: str) -> str:
    if (problem := tag_problem(name)) is not None:
        raise ValueError(problem)
    return name.strip().lower()


def _allowed_attribute_owner(name: str) -> str:
    return "*" if name.strip() == "*" else _allowed_tag(name)


def _allowed_attribute(name: str) -> str:
    if (problem := attribute_problem("*", name)) is not None:
        raise ValueError(problem)
    return name.strip().lower()


class HtmlOptions(_Options):
    """Raw HTML in bodies is cleaned to a safe subset; these widen it (never to tags that run or load code)."""

    extra_tags: tuple[Annotated[str, AfterValidator(_allowed_tag)], ...] = ()
    extra_attributes: dict[
        Annotated[str, AfterValidator(_allowed_attribute_owner)], tuple[Annotated[str, AfterValidator(_allowed_attribute)], ...]
    ] = {}


TlpLabel = Literal["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]


class ReviewOptions(_Options):
    sources_required_for: tuple[Literal["news", "analysis", "opinion", "explainer"], ...] = Field(
        ("analysis",), description="Kinds of brief that must list sources before they are published; [] turns the rule off."
    )
    history: int = Field(
        5, ge=0, description="Commits shown in each page's revision history (0: none; 'Updated' still comes from git). Dates only."
    )
    redact_above: TlpLabel = Field(
        "TLP:CLEAR",
        description=(
            "'brief diff' withholds titles, text, tags, authors and sections of briefs labelled above this "
            "(its report is posted on pull requests); slugs, labels, field names and counts stay. TLP:RED shows everything."
        ),
    )
    history_details: bool = Field(
        False,
        description=(
            "Also show each commit's author name and subject in page revision histories. Public pages only ever list "
            "commits made while the brief was public."
        ),
    )


EDITION_NAME = r"^[a-z][a-z0-9-]{0,39}$"
RESERVED_EDITIONS = frozenset({"public", "all"})
"""``public`` is the implicit TLP:CLEAR edition; ``--edition all`` builds every edition."""


def _edition_name(name: str) -> str:
    if not re.match(EDITION_NAME, name):
        raise ValueError(f"edition name '{name}' must be lowercase letters, digits and '-', starting with a letter")
    if name in RESERVED_EDITIONS:
        raise ValueError(f"edition name '{name}' is reserved ('public' is the TLP:CLEAR site, 'all' builds every edition)")
    return name


def _edition_ceiling(label: str) -> str:
    if label == "TLP:RED":
        raise ValueError(
            "an edition may not hold TLP:RED: RED is for named recipients, never a site; "
            "print RED briefs with 'brief pdf SLUG --recipient \"Name, Organisation\"'"
        )
    return label


class EditionOptions(_Options):
    """A site for one audience (docs/editions.md): it holds every brief, tearline and portion up to its label."""

    handling: Annotated[TlpLabel, AfterValidator(_edition_ceiling)] = Field(description="The highest label this edition may hold.")
    title: str = Field("", description="Shown in every page's banner; the edition's name when empty.")
    site_url: str = Field("", description="Where this edition is hosted (behind authentication, never a public host).")


_ADDRESS = re.compile(r"[^@\s<>(),;:\"\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


def _named_address(value: str) -> str:
    """``desk@example.org`` or ``Name <desk@example.org>`` (the From option).  Nothing that could add a header."""
    text = value.strip()
    _name, address = parseaddr(text)
    if not _ADDRESS.fullmatch(address) or any(c in text for c in "\r\n\0"):
        raise ValueError(f"{value!r} is not an email address")
    return text


def _email_address(value: str) -> str:
    """A bare address, ``desk@example.org``: what recipients are given as."""
    text = value.strip()
    if not _ADDRESS.fullmatch(text):
        raise ValueError(f"{value!r} is not an email address")
    return text


EmailAddress = Annotated[str, AfterValidator(_email_address)]


class SmtpOptions(_Options):
    """Where ``brief digest --send`` delivers.  The password is read from an environment variable, never from this file."""

    host: str = Field("localhost", min_length=1)
    port: int = Field(587, ge=1, le=65535)
    starttls: bool = Field(True, description="Upgrade the connection with STARTTLS before logging in or sending (certificate checked).")
    username: str = Field("", description="Log in as this user; empty: send without logging in.")
    password_env: str = Field(
        "BRIEFKIT_SMTP_PASSWORD", min_length=1, description="Name of the environment variable that holds the SMTP password."
    )
    timeout: float = Field(30.0, gt=0, description="Seconds allowed for each SMTP exchange.")


class DigestOptions(_Options):
    """Email digests (``brief digest``): who they come from, who gets them, and how they are sent."""

    model_config = ConfigDict(populate_by_name=True)

    sender: str = Field("", alias="from", description="The From address; default: digest@ the site's host.")
    to: tuple[EmailAddress, ...] = Field((), description="Recipients of 'brief digest --send' when no --list or --recipients is given.")
    lists: dict[str, tuple[EmailAddress, ...]] = Field({}, description="Named distribution lists, for 'brief digest --send --list NAME'.")
    list_unsubscribe: str = Field("", description="A mailto: or https: address for the List-Unsubscribe header.")
    smtp: SmtpOptions = SmtpOptions()

    @field_validator("sender")
    @classmethod
    def _sender(cls, value: str) -> str:
        return _named_address(value) if value.strip() else ""


class BriefkitOptions(_Options):
    briefs_dir: str = "briefs"
    templates_dir: str = "templates"
    build_dir: str = "build"
    assets_dir: str = "assets"
    timezone: str = "UTC"
    default_handling: TlpLabel | None = Field(
        None,
        description=(
            "Handling label for briefs that give none. Without it, a brief with no 'handling' is never public, "
            "and 'brief check' reports a published one."
        ),
    )
    max_file_size: int = Field(1024 * 1024, ge=1, description="Bytes; larger brief files are rejected unread.")
    search: Literal["material", "pagefind"] = Field(
        "material",
        description="Site search: Material's built-in index, or Pagefind's sharded index and a /search/ page (large sites; docs/search.md).",
    )
    latest: int = Field(30, ge=1, description="Briefs listed on the home page.")
    feed_size: int = Field(50, ge=1)
    tag_page_size: int = Field(50, ge=5)
    related: int = Field(4, ge=0, le=10)
    archive: Literal["month", "year"] = "month"
    html: HtmlOptions = HtmlOptions()
    pdf: PdfOptions = PdfOptions()
    review: ReviewOptions = ReviewOptions()
    editions: dict[Annotated[str, AfterValidator(_edition_name)], EditionOptions] = Field(
        {}, description="Named editions above the public TLP:CLEAR site, by name (docs/editions.md)."
    )
    require_portion_marks: bool = Field(
        False, description="Every paragraph of a brief (or tearline) above TLP:CLEAR must carry a portion mark ('brief check' errors)."
    )
    digest: DigestOptions = DigestOptions()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{value}'") from None
        return value


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

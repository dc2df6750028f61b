"""briefkit's own options: the ``briefkit`` entry of ``mkdocs.yml``, as pydantic models with their defaults.

:mod:`briefkit.config` reads the file and validates this entry with these
models (positions for every problem); everything else reads the frozen
result through :class:`briefkit.config.Config`.
"""

from __future__ import annotations

import re
from email.utils import parseaddr
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from briefkit.common.html_policy import attribute_problem, tag_problem


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


SCHEDULER_SCHEMES = ("tcp", "tls")


def scheduler_problem(address: str) -> str | None:
    """Why ``address`` is not a Dask scheduler address (``tcp://HOST:PORT`` or ``tls://HOST:PORT``), or None."""
    text = address.strip()
    if not text:
        return None
    scheme, sep, rest = text.partition("://")
    host, colon, port = rest.rpartition(":")
    if not sep or scheme not in SCHEDULER_SCHEMES or not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        return f"'{address}' is not a Dask scheduler address: write tcp://HOST:PORT (or tls://HOST:PORT), e.g. tcp://10.0.0.5:8786"
    return None


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
    scheduler: str = Field(
        "",
        description=(
            "A Dask scheduler's address (tcp://HOST:8786): render PDFs on its workers (docs/scale.md); "
            "empty: on this machine. 'brief build --scheduler' overrides it."
        ),
    )

    @field_validator("scheduler")
    @classmethod
    def _scheduler(cls, value: str) -> str:
        if (problem := scheduler_problem(value)) is not None:
            raise ValueError(problem)
        return value.strip()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{value}'") from None
        return value

"""Who gets a digest: a named list from the config, a file of addresses, or the config's ``to`` list."""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from briefkit.common import safefs
from briefkit.config import Config
from briefkit.errors import BriefkitError, Problem, error
from briefkit.options import EmailAddress

_ADDRESS: TypeAdapter[str] = TypeAdapter(EmailAddress)


def recipients(config: Config, list_name: str | None, file: Path | None) -> tuple[str, ...]:
    """The addresses to send to, without repeats, in the order given; none at all is a usage error."""
    options = config.options.digest
    if file is not None:
        found = from_file(file)
    elif list_name is not None:
        if list_name not in options.lists:
            known = ", ".join(sorted(options.lists)) or "none"
            raise BriefkitError(f"no distribution list '{list_name}' in digest.lists (lists: {known})", exit_code=2)
        found = options.lists[list_name]
    else:
        found = options.to
    unique = tuple(dict.fromkeys(found))
    if not unique:
        raise BriefkitError(
            "nobody to send the digest to",
            hint="set digest.to (or digest.lists and --list NAME) in mkdocs.yml, or give --recipients FILE",
            exit_code=2,
        )
    return unique


def from_file(path: Path) -> tuple[str, ...]:
    """One address a line; blank lines and lines starting with '#' are skipped.  Every bad line is a problem, all in one run."""
    shown = path.as_posix()
    try:
        raw = safefs.open_regular(path.resolve(), max_bytes=1024 * 1024)
    except safefs.Refused as refused:
        raise BriefkitError(f"{shown} cannot be read", problems=[safefs.problem(shown, refused)]) from None
    problems: list[Problem] = []
    found: list[str] = []
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            found.append(_ADDRESS.validate_python(text))
        except ValidationError:
            col = len(line) - len(line.lstrip()) + 1
            problems.append(error(shown, number, col, "digest-recipient", f"{text!r} is not an email address"))
    if problems:
        raise BriefkitError(f"{shown} has addresses that are not email addresses; nothing was sent", problems=problems)
    return tuple(found)

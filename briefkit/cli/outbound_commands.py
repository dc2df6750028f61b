"""brief export stix and brief digest: briefs out to other tools and to inboxes."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from briefkit.cli.app import AsOf, config_option, guarded, main, now_from, site_config
from briefkit.common.report import Reporter
from briefkit.errors import BriefkitError


@main.group("export")
def export_group() -> None:
    """Briefs in formats other systems read."""


@export_group.command("stix")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: build/stix).")
@click.option("--as-of", type=AsOf(), default=None, help="Judge embargoes and expiry at this time (default: now, or SOURCE_DATE_EPOCH).")
@click.option("--edition", default=None, metavar="NAME", help="Write for this edition's audience (default: the public, TLP:CLEAR).")
@config_option
@click.pass_obj
@guarded
def export_stix(reporter: Reporter, output: Path | None, as_of: datetime | None, edition: str | None, config_file: str | None) -> None:
    """STIX 2.1 bundles of the public briefs (or an edition's): bundle.json for the site, briefs/SLUG.json for each brief."""
    from briefkit.cli.outbound_audience import gate, outbound
    from briefkit.common.paths import display_path
    from briefkit.outbound.stix import export, write

    config = site_config(config_file)
    now = now_from(as_of)
    chosen = outbound(config, reporter, now, edition)
    result = export(chosen.config, chosen.corpus, chosen.audience, now)
    gate(chosen, now, result.files)  # nothing is written when the bundles hold what the audience may not
    default = config.build_dir / "stix" if chosen.edition.public else chosen.edition.root(config) / "stix"
    out = output or default
    try:
        write(out, result)  # a brief no longer public loses its bundle file too
    except OSError as exc:
        raise BriefkitError(f"cannot write {exc.filename or out}: {exc.strerror or exc}") from None
    reporter.success(f"{result.reports} report(s) for {chosen.audience.ceiling.value} in {display_path(out)}")


@main.command()
@click.option("--day", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="DATE", help="The briefs of this day (default: today).")
@click.option(
    "--week",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    metavar="DATE",
    help="The briefs of the ISO week (Monday to Sunday) holding this date.",
)
@click.option("--tag", default=None, metavar="TAG", help="The latest briefs with this tag (name or slug).")
@click.option("--section", "-s", default=None, metavar="SECTION", help="The latest briefs in this section, e.g. 'Energy / Gas'.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the .eml file (default: build/digests).",
)
@click.option("--send", is_flag=True, help="Also deliver it through the SMTP server in digest.smtp, one copy per recipient.")
@click.option("--list", "list_name", default=None, metavar="NAME", help="Send to this list from digest.lists (default: digest.to).")
@click.option(
    "--recipients", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Send to the addresses in this file, one a line."
)
@click.option(
    "--as-of", type=AsOf(), default=None, help="Judge embargoes and date the message at this time (default: now, or SOURCE_DATE_EPOCH)."
)
@click.option("--edition", default=None, metavar="NAME", help="Write for this edition's audience (default: the public, TLP:CLEAR).")
@config_option
@click.pass_obj
@guarded
def digest(
    reporter: Reporter,
    day: datetime | None,
    week: datetime | None,
    tag: str | None,
    section: str | None,
    output: Path | None,
    send: bool,
    list_name: str | None,
    recipients: Path | None,
    as_of: datetime | None,
    edition: str | None,
    config_file: str | None,
) -> None:
    """An email digest of the public briefs (or an edition's): HTML and plain text, written as an .eml file and, with --send, mailed."""
    from briefkit.cli.outbound_audience import gate, outbound
    from briefkit.common.fsio import atomic_write
    from briefkit.common.paths import display_path
    from briefkit.outbound import digest as digests
    from briefkit.outbound.mail import compose, eml

    if sum(x is not None for x in (day, week, tag, section)) > 1:
        raise BriefkitError("choose one of --day, --week, --tag and --section", exit_code=2)
    if (list_name or recipients) and not send:
        raise BriefkitError("--list and --recipients choose who --send mails; add --send", exit_code=2)
    config = site_config(config_file)
    now = now_from(as_of)
    chosen = outbound(config, reporter, now, edition)
    corpus = chosen.corpus
    to: tuple[str, ...] = ()
    if send:  # before anything is written: a wrong list or file is a usage error, not a half-done run
        from briefkit.outbound.recipients import recipients as resolve

        to = resolve(config, list_name, recipients)
    selection = digests.select(
        corpus,
        config.tz,
        now.astimezone(config.tz).date(),
        day=day.date() if day else None,
        week=week.date() if week else None,
        tag=tag,
        section=section,
        limit=config.options.feed_size,
    )
    if not selection.briefs:
        reporter.warn(f"no {chosen.audience.label} briefs for '{selection.title}': no digest written or sent")
        return
    made = digests.render(chosen.config, selection, chosen.audience, now)
    # Both parts as a reader sees them, through the same gate as a site: nothing is written or sent if it finds anything.
    gate(chosen, now, {"digest.html": made.html.encode("utf-8"), "digest.txt": f"{made.subject}\n\n{made.text}".encode()})
    message = compose(chosen.config, made, now)
    folder = config.build_dir / "digests" if chosen.edition.public else chosen.edition.root(config) / "digests"
    out = (output or folder) / f"{selection.key}.eml"
    try:
        atomic_write(out, eml(message))
    except OSError as exc:
        raise BriefkitError(f"cannot write {exc.filename or out}: {exc.strerror or exc}; nothing was sent") from None
    reporter.success(f"{len(selection.briefs)} brief(s), {made.label.value}: {display_path(out)}")
    if send:
        from briefkit.outbound.smtp import send as deliver

        results = deliver(config.options.digest.smtp, message, to)
        for result in results:
            (reporter.info if result.ok else reporter.warn)(f"{result.recipient}: {result.detail}")
        failed = sum(not r.ok for r in results)
        if failed:
            reporter.fail(f"{failed} of {len(results)} recipient(s) did not get the digest")
            sys.exit(1)
        reporter.success(f"sent to {len(results)} recipient(s)")

"""A digest as an email message (``multipart/alternative``), byte for byte the same for the same briefs and time.

Python's ``email`` package would pick a random MIME boundary and leave the
Message-ID and Date to the caller; here the boundary and the Message-ID are
hashes of the content, and the Date is the "now" the digest was made for
(``--as-of``, else ``SOURCE_DATE_EPOCH``, else the clock).  Both parts are
quoted-printable, which never contains the ``=_`` that starts the boundary,
so the boundary cannot occur in either part.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr

from briefkit.config import Config
from briefkit.outbound.digest import Digest
from briefkit.outbound.siteurl import site_host

MAIL_POLICY = policy.SMTP
"""RFC 5322 on the wire: CRLF line ends, long headers folded."""


def sender(config: Config) -> str:
    """The From address: the ``digest.from`` option, else ``digest@`` the site's host, named after the site."""
    configured = config.options.digest.sender
    if configured:
        return configured
    return formataddr((config.site_name, f"digest@{site_host(config)}"))


def envelope_address(address: str) -> str:
    return parseaddr(address)[1]


def compose(config: Config, digest: Digest, now: datetime) -> EmailMessage:
    """The message, addressed to its sender: :func:`addressed` readdresses a copy per recipient."""
    content = hashlib.sha256(f"{digest.subject}\0{digest.text}\0{digest.html}".encode()).hexdigest()
    identity = hashlib.sha256(f"{config.site_url}\0{digest.audience.label}\0{digest.selection.key}\0{content}".encode()).hexdigest()
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["Subject"] = digest.subject
    msg["From"] = sender(config)
    msg["To"] = sender(config)
    msg["Date"] = format_datetime(now.astimezone(config.tz))
    msg["Message-ID"] = f"<{identity[:32]}.digest@{site_host(config)}>"
    if config.options.digest.list_unsubscribe:
        msg["List-Unsubscribe"] = f"<{config.options.digest.list_unsubscribe}>"
    msg.set_content(digest.text, cte="quoted-printable")
    msg.add_alternative(digest.html, subtype="html", cte="quoted-printable")
    msg.set_boundary(f"=_briefkit_{content[:40]}")
    msg["Content-Language"] = config.language  # after the parts: set_content drops Content-* headers it finds
    return msg


def addressed(message: EmailMessage, recipient: str) -> EmailMessage:
    """A copy of ``message`` whose To header names one recipient (lists are never shown to their members)."""
    copy = message_from_bytes(eml(message), _class=EmailMessage, policy=MAIL_POLICY)
    assert isinstance(copy, EmailMessage)  # _class says so; this tells the type checker
    del copy["To"]
    copy["To"] = recipient
    return copy


def eml(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=MAIL_POLICY)

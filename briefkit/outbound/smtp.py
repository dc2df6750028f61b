"""Delivering a digest through SMTP: one copy per recipient, each result reported, one failure stopping no other.

The password comes from an environment variable named in the config
(``digest.smtp.password_env``), never from a file: mkdocs.yml is committed.
With ``starttls`` (the default) the connection is upgraded before anything is
sent and the server's certificate is checked against the system's CAs.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from briefkit.errors import BriefkitError
from briefkit.options import SmtpOptions
from briefkit.outbound.mail import addressed, envelope_address


@dataclass(frozen=True)
class Delivery:
    recipient: str
    ok: bool
    detail: str


def send(options: SmtpOptions, message: EmailMessage, recipients: Sequence[str]) -> list[Delivery]:
    """Send ``message`` to each recipient in turn over one connection; connection, TLS and login failures stop all."""
    password = ""
    if options.username:
        password = os.environ.get(options.password_env, "")
        if not password:
            raise BriefkitError(
                f"the SMTP login as '{options.username}' needs a password in the environment variable {options.password_env}",
                hint=f"export {options.password_env}=… before 'brief digest --send' (the password is never read from mkdocs.yml)",
                exit_code=2,
            )
    where = f"{options.host}:{options.port}"
    results: list[Delivery] = []
    try:
        with smtplib.SMTP(options.host, options.port, timeout=options.timeout) as smtp:
            smtp.ehlo()
            if options.starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if options.username:
                smtp.login(options.username, password)
            sender = envelope_address(str(message["From"]))
            for recipient in recipients:
                results.append(_deliver(smtp, sender, message, recipient))
    except smtplib.SMTPServerDisconnected as exc:
        done = {r.recipient for r in results}
        results += [Delivery(r, False, f"not sent: the server closed the connection ({exc})") for r in recipients if r not in done]
    except (OSError, smtplib.SMTPException) as exc:
        if not results:
            raise BriefkitError(f"cannot send through {where}: {exc}", hint="check digest.smtp in mkdocs.yml") from None
        done = {r.recipient for r in results}
        results += [Delivery(r, False, f"not sent: {exc}") for r in recipients if r not in done]
    return results


def _deliver(smtp: smtplib.SMTP, sender: str, message: EmailMessage, recipient: str) -> Delivery:
    try:
        smtp.send_message(addressed(message, recipient), from_addr=sender, to_addrs=[recipient])
    except smtplib.SMTPRecipientsRefused as exc:
        code, reply = exc.recipients.get(recipient, (0, b""))
        _reset(smtp)
        return Delivery(recipient, False, f"refused: {code} {_text(reply)}")
    except smtplib.SMTPResponseException as exc:
        _reset(smtp)
        return Delivery(recipient, False, f"refused: {exc.smtp_code} {_text(exc.smtp_error)}")
    return Delivery(recipient, True, "accepted")


def _reset(smtp: smtplib.SMTP) -> None:
    """Clear the failed transaction so the next recipient starts clean (RSET)."""
    try:
        smtp.rset()
    except smtplib.SMTPException:
        pass


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)

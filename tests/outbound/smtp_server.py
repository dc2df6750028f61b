"""A real SMTP server for the digest tests: aiosmtpd on 127.0.0.1, refusing any recipient whose address starts with 'refuse'.

With ``tls`` it offers STARTTLS with a certificate from a throwaway CA (trustme), requires it
before anything else, and accepts a login only over TLS with the given user and password.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.conftest import free_port


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    tls: bool = False
    login: str = ""


@dataclass
class Inbox:
    port: int
    messages: list[Received] = field(default_factory=list)


class _Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]) -> str:
        if address.startswith("refuse"):
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else ""
        received = Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content), session.ssl is not None, login)
        self.inbox.messages.append(received)
        return "250 Message accepted for delivery"


def _authenticator(user: str, password: str) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    return check


@contextmanager
def smtp_server(*, tls: trustme.CA | None = None, user: str = "", password: str = "") -> Iterator[Inbox]:
    inbox = Inbox(free_port())
    options: dict[str, Any] = {}
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.issue_cert("127.0.0.1").configure_cert(context)
        options = {"tls_context": context, "require_starttls": True, "auth_require_tls": True}
    if user:
        options["authenticator"] = _authenticator(user, password)
    controller = Controller(_Handler(inbox), hostname="127.0.0.1", port=inbox.port, **options)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()

"""`brief digest`: a real SMTP round trip (aiosmtpd on 127.0.0.1), both MIME parts parsed, labels, links, inlined CSS, no leaks."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

import lxml.html
import pytest
import trustme

from briefkit.config import load_config
from briefkit.errors import BriefkitError
from briefkit.outbound.audience import PUBLIC
from briefkit.outbound.digest import Selection, render
from briefkit.pipeline.stages import check
from tests.conftest import FileTree
from tests.outbound.outbound_support import EPOCH, SECRET, digest_config, outbound_site, run
from tests.outbound.smtp_server import smtp_server

WEEK = ["--week", "2026-11-12"]
"""9 to 15 November 2026: both public briefs, and every restricted one."""


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, _class=EmailMessage, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def parts(message: EmailMessage) -> tuple[str, str]:
    assert message.get_content_type() == "multipart/alternative"
    children = list(message.iter_parts())
    assert [p.get_content_type() for p in children] == ["text/plain", "text/html"]
    text, html = (p.get_content() for p in children)
    assert isinstance(text, str) and isinstance(html, str)
    return text, html


def check_digest(data: bytes) -> EmailMessage:
    """Everything a public digest must be, checked on the bytes a client receives."""
    assert SECRET.encode() not in data and b"pipeline" not in data.lower()
    message = parse(data)
    assert str(message["Subject"]).startswith("[TLP:CLEAR] Test Desk: Weekly digest, 9–15 November 2026")
    text, html = parts(message)
    for banned in (SECRET, "TLP:AMBER", "TLP:GREEN", "TLP:RED", "Pipeline"):
        assert banned not in text and banned not in html
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0].startswith("TLP:CLEAR") and lines[-1].startswith("TLP:CLEAR")
    assert "https://example.org/briefs/gas-storage/" in text and "Gas storage at 95 per cent <before> winter" in text
    text = text.replace("\r\n", "\n")  # CRLF is plain text's canonical form in MIME
    assert all(len(line) <= 72 or "https://" in line for line in text.splitlines())  # wrapped for plain-text readers
    assert "Bottom line: Europe enters the winter with more gas in store than in any year since 2020." in " ".join(text.split())
    assert "Key points:\n- Storage reached 95 per cent on 18 November.\n- Prices fell 12 per cent in three weeks." in text

    doc = lxml.html.document_fromstring(html)
    assert doc.xpath("//style") == [] and doc.xpath("//link") == []
    banners = doc.xpath("//*[@class='tlp-label']")
    assert [b.text_content() for b in banners] == ["TLP:CLEAR", "TLP:CLEAR"]
    body_text = [t.strip() for t in doc.xpath("//body//text()") if t.strip()]
    assert body_text[0] == "TLP:CLEAR" and body_text[-2:] == ["TLP:CLEAR", "Disclosure is not limited."]
    for banner in banners:  # TLP 2.0: the label in its colour on black
        assert "color: #FFFFFF" in banner.get("style", "")
        assert "background-color: #000000" in banner.getparent().get("style", "")
    (frame,) = doc.xpath("//table[contains(@class, 'frame')]")
    assert frame.get("width") == "600" and "width: 600px" in frame.get("style", "")
    # The CSS is inlined: every element the stylesheet styled carries it in a style attribute.
    for cls in ("brief-title", "summary", "kicker", "meta", "footer", "digest-title"):
        elements = doc.xpath(f"//*[contains(concat(' ', @class, ' '), ' {cls} ')]")
        assert elements and all(e.get("style") for e in elements), cls
    hrefs = [a.get("href") for a in doc.xpath("//a")]
    assert hrefs and all(h.startswith("https://example.org/") for h in hrefs), hrefs
    (bluf,) = doc.xpath("//p[contains(@class, 'bluf')]")
    assert bluf.text_content() == "Bottom line: Europe enters the winter with more gas in store than in any year since 2020."
    assert [li.text_content() for li in doc.xpath("//ul[contains(@class, 'points')]/li")] == [
        "Storage reached 95 per cent on 18 November.",
        "Prices fell 12 per cent in three weeks.",
    ]
    titles = [a.text_content() for a in doc.xpath("//h2[contains(@class, 'brief-title')]/a")]
    assert titles == ["Gas storage at 95 per cent <before> winter", "Baltic states expand air defence"]  # newest first, unescaped once
    return message


def test_sent_digest_round_trip(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    with smtp_server() as inbox:
        root = outbound_site(build_file_tree, pdf="true", extra_config=digest_config(inbox.port))
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = run("digest", *WEEK, "--send")
        assert result.exit_code == 0, result.output
        assert [(m.sender, m.recipients) for m in inbox.messages] == [
            ("desk@example.org", ["ana@example.org"]),
            ("desk@example.org", ["ben@example.org"]),
        ]
        for received in inbox.messages:
            message = check_digest(received.data)
            assert message["To"] == received.recipients[0]  # each copy names its recipient alone
            assert message["From"] == "Test Desk <desk@example.org>"
            assert message["List-Unsubscribe"] == "<https://example.org/unsubscribe>"
            text, html = parts(message)
            assert "PDF: https://example.org/pdf/gas-storage.pdf" in text
            assert "https://example.org/pdf/baltic-air-defence.pdf" in [
                a.get("href") for a in lxml.html.document_fromstring(html).xpath("//a")
            ]
        written = parse((root / "build" / "digests" / "week-2026-W46.eml").read_bytes())
        assert written["Message-ID"] == parse(inbox.messages[0].data)["Message-ID"]


def test_one_refused_recipient_stops_no_other(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    with smtp_server() as inbox:
        outbound_site(build_file_tree, extra_config=digest_config(inbox.port))
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = run("digest", *WEEK, "--send", "--list", "board")
        assert result.exit_code == 1
        assert "refuse-me@example.org: refused: 550 5.1.1 no such mailbox here" in result.output
        assert "1 of 3 recipient(s) did not get the digest" in result.output
        assert [m.recipients for m in inbox.messages] == [["chair@example.org"], ["clerk@example.org"]]
        for received in inbox.messages:
            check_digest(received.data)


def test_recipients_from_a_file(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    with smtp_server() as inbox:
        root = outbound_site(build_file_tree, extra_config=digest_config(inbox.port))
        (root / "people.txt").write_text("# the desk\ncleo@example.org\n\n  dan@example.org\n", encoding="utf-8")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = run("digest", *WEEK, "--send", "--recipients", "people.txt")
        assert result.exit_code == 0, result.output
        assert [m.recipients for m in inbox.messages] == [["cleo@example.org"], ["dan@example.org"]]


def test_a_bad_recipients_file_sends_nothing(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    with smtp_server() as inbox:
        root = outbound_site(build_file_tree, extra_config=digest_config(inbox.port))
        (root / "people.txt").write_text("cleo@example.org\n  not an address\nx@y@z\n", encoding="utf-8")
        result = run("digest", *WEEK, "--send", "--recipients", "people.txt")
        assert result.exit_code == 1
        assert "people.txt:2:3: error: 'not an address' is not an email address [digest-recipient]" in result.output
        assert "people.txt:3:1: error: 'x@y@z' is not an email address [digest-recipient]" in result.output
        assert inbox.messages == []
        assert not (root / "build" / "digests").exists()


def test_eml_is_byte_identical_twice(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree, extra_config=digest_config(2525))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    path = root / "build" / "digests" / "week-2026-W46.eml"
    assert run("digest", *WEEK).exit_code == 0
    first = path.read_bytes()
    path.unlink()
    assert run("digest", *WEEK).exit_code == 0
    assert path.read_bytes() == first
    message = check_digest(first)
    assert parsedate_to_datetime(str(message["Date"])) == datetime.fromtimestamp(int(EPOCH), UTC)
    assert message.get_boundary() is not None and message.get_boundary() in first.decode("ascii")
    assert first.startswith(b"Subject: ") and b"\r\n" in first and b"\n" not in first.replace(b"\r\n", b"")  # RFC 5322 line ends


def test_other_options_pick_their_briefs(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree, extra_config=digest_config(2525))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    cases = {
        ("--day", "2026-11-11"): ("day-2026-11-11", ["Gas storage at 95 per cent <before> winter"]),
        ("--tag", "air defence"): ("tag-air-defence", ["Baltic states expand air defence"]),
        ("--section", "Energy"): ("section-energy", ["Gas storage at 95 per cent <before> winter"]),
    }
    for args, (stem, titles) in cases.items():
        result = run("digest", *args)
        assert result.exit_code == 0, result.output
        data = (root / "build" / "digests" / f"{stem}.eml").read_bytes()
        assert SECRET.encode() not in data
        _, html = parts(parse(data))
        assert [a.text_content() for a in lxml.html.document_fromstring(html).xpath("//h2/a")] == titles
    # A day with only restricted briefs: nothing is written.
    result = run("digest", "--day", "2026-11-12")
    assert result.exit_code == 0 and "no public briefs" in result.output
    assert not (root / "build" / "digests" / "day-2026-11-12.eml").exists()


def test_render_refuses_a_restricted_brief(build_file_tree: FileTree) -> None:
    """Fail closed: a selection that holds an AMBER brief is refused, not mailed."""
    root = outbound_site(build_file_tree)
    config = load_config(root)
    everything = check(config).corpus.briefs
    with pytest.raises(BriefkitError, match="may not go to the public audience"):
        render(config, Selection("day-x", "X", everything), PUBLIC, datetime(2026, 11, 20, tzinfo=UTC))


def test_the_password_never_comes_from_the_file(build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = outbound_site(build_file_tree, extra_config=digest_config(2525, password="hunter2"))
    result = run("digest", *WEEK)
    assert result.exit_code == 1 and "unknown briefkit option 'digest.smtp.password' [config-unknown-option]" in result.output
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("password: hunter2", "username: desk"), encoding="utf-8")
    monkeypatch.delenv("BRIEFKIT_SMTP_PASSWORD", raising=False)
    result = run("digest", *WEEK, "--send")
    assert result.exit_code == 2 and "needs a password in the environment variable BRIEFKIT_SMTP_PASSWORD" in result.output


def test_usage_errors(build_file_tree: FileTree) -> None:
    root = outbound_site(build_file_tree, extra_config=digest_config(2525))
    (root / "a-file").write_text("", encoding="utf-8")
    result = run("digest", *WEEK, "-o", "a-file/digests")
    assert result.exit_code == 1 and "cannot write" in result.output and "Traceback" not in result.output
    result = run("export", "stix", "-o", "a-file/stix")
    assert result.exit_code == 1 and "cannot write" in result.output and "Traceback" not in result.output
    assert run("digest", "--day", "2026-11-11", "--tag", "Gas").exit_code == 2
    assert run("digest", "--list", "board").exit_code == 2
    result = run("digest", "--send", "--list", "nobody")
    assert result.exit_code == 2 and "no distribution list 'nobody'" in result.output


def test_an_address_in_the_config_is_checked(build_file_tree: FileTree) -> None:
    root = outbound_site(build_file_tree, extra_config=digest_config(2525))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("ben@example.org", "ben at example"), encoding="utf-8")
    result = run("digest", *WEEK)
    assert result.exit_code == 1
    assert "briefkit option 'digest.to.1': 'ben at example' is not an email address [config-invalid]" in result.output
    # No header can be smuggled in through an address.
    config.write_text(
        config.read_text(encoding="utf-8").replace("from: Test Desk <desk@example.org>", 'from: "desk@example.org\\nBcc: spy@example.net"'),
        encoding="utf-8",
    )
    result = run("digest", *WEEK)
    assert result.exit_code == 1
    assert "briefkit option 'digest.from': 'desk@example.org\\nBcc: spy@example.net' is not an email address" in result.output


def test_html_part_is_600_px_in_chromium(
    build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch, browser: object, tmp_path: Path
) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    root = outbound_site(build_file_tree, pdf="true", extra_config=digest_config(2525))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert run("digest", *WEEK).exit_code == 0
    _, html = parts(parse((root / "build" / "digests" / "week-2026-W46.eml").read_bytes()))
    page = browser.new_page(viewport={"width": 600, "height": 900}, java_script_enabled=True)
    page.set_content(html)
    frame = page.locator("table.frame").bounding_box()
    assert frame is not None and frame["width"] == 600
    assert page.evaluate("document.documentElement.scrollWidth") <= 600  # nothing sticks out sideways
    banner = page.locator(".tlp-label").first
    assert banner.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    assert banner.evaluate("e => getComputedStyle(e.closest('td')).backgroundColor") == "rgb(0, 0, 0)"
    page.screenshot(path=str(tmp_path / "digest.png"), full_page=True)
    page.close()


def test_starttls_and_login_with_the_password_from_the_environment(
    build_file_tree: FileTree, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ca = trustme.CA()
    with smtp_server(tls=ca, user="desk", password="s3cret pass") as inbox:
        root = outbound_site(build_file_tree, extra_config=digest_config(inbox.port, username="desk", password_env="DESK_SMTP"))
        config = root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("starttls: false", "starttls: true"), encoding="utf-8")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        monkeypatch.setenv("DESK_SMTP", "s3cret pass")
        # The throwaway CA is not trusted yet: the certificate check refuses the server, and nothing is sent.
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "none.pem"))
        result = run("digest", *WEEK, "--send")
        assert result.exit_code == 1 and "CERTIFICATE_VERIFY_FAILED" in result.output.replace(" ", "_").upper()
        assert inbox.messages == []
        ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
        monkeypatch.setenv("DESK_SMTP", "wrong")
        result = run("digest", *WEEK, "--send")
        assert result.exit_code == 1 and "cannot send through 127.0.0.1" in result.output and "535" in result.output
        assert inbox.messages == []
        monkeypatch.setenv("DESK_SMTP", "s3cret pass")
        result = run("digest", *WEEK, "--send")
        assert result.exit_code == 0, result.output
        assert [(m.recipients, m.tls, m.login) for m in inbox.messages] == [
            (["ana@example.org"], True, "desk"),
            (["ben@example.org"], True, "desk"),
        ]
        for received in inbox.messages:
            check_digest(received.data)
        assert b"s3cret" not in (root / "build" / "digests" / "week-2026-W46.eml").read_bytes()

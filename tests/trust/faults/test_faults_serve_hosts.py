"""Which Host headers `brief serve` accepts, for each kind of bind address (the real-server test is in tests/web/engine)."""

from __future__ import annotations

import pytest

from briefkit.cli.serve import host_allowed

ALWAYS_REFUSED = [
    "evil.example:8000",
    "localhost.evil.example:8000",
    "localhost.:8000",
    "localhost:8001",
    "localhost",
    "",
    None,
    "[::1:8000",
]


@pytest.mark.parametrize("bound", ["127.0.0.1", "::1", "localhost", "0.0.0.0", "::", "192.168.1.20", "box.lan"])
def test_loopback_names_on_the_port_are_accepted_and_names_elsewhere_are_not(bound: str) -> None:
    for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST:8000"):
        assert host_allowed(host, bound, 8000), host
    for host in ALWAYS_REFUSED:
        assert not host_allowed(host, bound, 8000), host


def test_the_bound_address_is_accepted() -> None:
    assert host_allowed("192.168.1.20:8000", "192.168.1.20", 8000)
    assert host_allowed("box.lan:8000", "box.lan", 8000)
    assert host_allowed("[fd00::5]:8000", "fd00::5", 8000)
    assert not host_allowed("192.168.1.21:8000", "192.168.1.20", 8000)
    assert not host_allowed("box.lan:8000", "127.0.0.1", 8000)


@pytest.mark.parametrize("bound", ["0.0.0.0", "::"])
def test_a_wildcard_bind_accepts_ip_literals_but_no_names(bound: str) -> None:
    """DNS rebinding needs a host name; the LAN addresses of the machine are not known in advance."""
    assert host_allowed("192.168.1.20:8000", bound, 8000)
    assert host_allowed("[fd00::5]:8000", bound, 8000)
    assert not host_allowed("box.lan:8000", bound, 8000)
    assert not host_allowed("evil.example:8000", bound, 8000)


def test_port_80_may_be_left_out() -> None:
    assert host_allowed("localhost", "127.0.0.1", 80)
    assert host_allowed("localhost:80", "127.0.0.1", 80)
    assert not host_allowed("localhost:8080", "127.0.0.1", 80)

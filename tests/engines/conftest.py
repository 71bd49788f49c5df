"""Every test of the engines runs with the network closed except 127.0.0.1: a connection to
any other address fails the connecting code and is reported by the test that made it."""

import ipaddress
import socket

import pytest


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    real = socket.socket.connect
    refused: list[object] = []

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None:
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:  # a name: only "localhost" resolves to loopback for sure
                loopback = host == "localhost"
            if not loopback:
                refused.append(address)
                raise OSError(f"test network guard: connection to {address!r} refused")
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    yield
    assert refused == [], f"a test tried to reach {refused}"

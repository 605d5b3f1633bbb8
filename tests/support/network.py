"""Loopback ports and the webhook secret for tests that serve HTTP."""

import socket

WEBHOOK_SECRET = "s3cret-token-for-tests_0123456789"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])

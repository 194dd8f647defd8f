"""Local stand-ins shared by several test folders: a free loopback port and a real SMTP
server's inbox (the `smtp_server` fixture in tests/conftest.py runs one)."""

from __future__ import annotations

import email
import socket
from email import policy


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self):
        self.received: list[dict] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            {
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "message": email.message_from_bytes(
                    envelope.original_content, policy=policy.default
                ),
            }
        )
        return "250 Message accepted for delivery"

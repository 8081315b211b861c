"""SMTP side of the sink: aiosmtpd handler that parses and keeps each mail."""

from __future__ import annotations

import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from message_sink.store import MessageStore


def _bodies(message: EmailMessage) -> tuple[str, str]:
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    text = text_part.get_content() if text_part is not None else ""
    html = html_part.get_content() if html_part is not None else ""
    return str(text), str(html)


class KeepingHandler:
    def __init__(self, store: MessageStore) -> None:
        self.store = store

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        text, html = _bodies(message)
        self.store.add_mail(
            sender=str(envelope.mail_from),
            recipients=[str(r) for r in envelope.rcpt_tos],
            subject=str(message.get("Subject", "")),
            text=text,
            html=html,
            at=time.time(),
        )
        return "250 Message accepted for delivery"

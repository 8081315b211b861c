"""Read one-time codes and mails from the message sink, as a doctor reads their phone and inbox."""

from __future__ import annotations

import re
import time

from message_sink import Mail, MessageSink, Sms
from tests.support.doctors import Doctor

CODE = re.compile(r"\b(\d{6})\b")


def wait_for(fetch, count: int, timeout: float = 10.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        items = fetch()
        if len(items) >= count or time.monotonic() > deadline:
            return items
        time.sleep(0.1)


def last_sms(sink: MessageSink, mobile: str, count: int = 1) -> Sms:
    items = wait_for(lambda: sink.store.sms(to=mobile), count)
    assert len(items) >= count, f"expected {count} SMS to {mobile}, got {len(items)}"
    return items[-1]


def last_mail(sink: MessageSink, address: str, count: int = 1) -> Mail:
    items = wait_for(lambda: sink.store.mails(to=address), count)
    assert len(items) >= count, f"expected {count} mail(s) to {address}, got {len(items)}"
    return items[-1]


def code_in(text: str) -> str:
    match = CODE.search(text)
    assert match, f"no 6-digit code in {text!r}"
    return match.group(1)


def code_for(sink: MessageSink, doctor: Doctor, channel: str = "sms", count: int = 1) -> str:
    """The code in the latest message to the doctor's mobile (sms) or correspondence e-mail, once `count` came."""
    if channel == "sms":
        assert doctor.mobile
        return code_in(last_sms(sink, doctor.mobile, count).text)
    assert doctor.email
    return code_in(last_mail(sink, doctor.email, count).text)


LINK = re.compile(r"https?://\S+action-token\S+")


def link_in(text: str) -> str:
    match = LINK.search(text)
    assert match, f"no action link in {text!r}"
    return match.group(0).rstrip(".,)")

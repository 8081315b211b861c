"""Kept messages, in memory and optionally appended to a JSON Lines file to survive restarts."""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Mail:
    id: int
    received_at: float
    sender: str
    recipients: list[str]
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Sms:
    id: int
    received_at: float
    destination: str
    text: str


class MessageStore:
    """Thread-safe list of mails and SMS; filters by recipient (case-insensitive for e-mail)."""

    def __init__(self, journal: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._mails: list[Mail] = []
        self._sms: list[Sms] = []
        self._journal = journal
        if journal and journal.exists():
            self._replay(journal)

    def _replay(self, journal: Path) -> None:
        for line in journal.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            kind = entry.pop("kind")
            if kind == "mail":
                self._mails.append(Mail(**entry))
            elif kind == "sms":
                self._sms.append(Sms(**entry))

    def _append(self, kind: str, item: Mail | Sms) -> None:
        if self._journal:
            with self._journal.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"kind": kind, **asdict(item)}, ensure_ascii=False) + "\n")

    def _next_id(self) -> int:
        return len(self._mails) + len(self._sms) + 1

    def add_mail(self, sender: str, recipients: list[str], subject: str, text: str, html: str, at: float) -> Mail:
        with self._lock:
            mail = Mail(self._next_id(), at, sender, [r.lower() for r in recipients], subject, text, html)
            self._mails.append(mail)
            self._append("mail", mail)
            return mail

    def add_sms(self, destination: str, text: str, at: float) -> Sms:
        with self._lock:
            sms = Sms(self._next_id(), at, destination, text)
            self._sms.append(sms)
            self._append("sms", sms)
            return sms

    def mails(self, to: str | None = None) -> list[Mail]:
        with self._lock:
            wanted = to.lower() if to else None
            return [m for m in self._mails if wanted is None or wanted in m.recipients]

    def sms(self, to: str | None = None) -> list[Sms]:
        with self._lock:
            return [s for s in self._sms if to is None or s.destination == to]

    def clear(self) -> None:
        with self._lock:
            self._mails.clear()
            self._sms.clear()
            if self._journal and self._journal.exists():
                self._journal.unlink()

    def as_json(self, kind: str, to: str | None) -> list[dict[str, Any]]:
        items: list[Mail] | list[Sms] = self.mails(to) if kind == "mails" else self.sms(to)
        return [asdict(i) for i in items]

"""Run the sink's SMTP and HTTP servers on one asyncio loop in a background thread."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp import web
from aiosmtpd.smtp import SMTP

from message_sink.http import Faults, build_app
from message_sink.loop_thread import LoopThreadServer
from message_sink.smtp import KeepingHandler
from message_sink.store import MessageStore


class MessageSink(LoopThreadServer):
    """`with MessageSink(smtp_port=…, http_port=…) as sink:` — or start()/stop()."""

    def __init__(
        self,
        smtp_port: int = 2525,
        http_port: int = 8025,
        host: str = "127.0.0.1",
        journal: Path | None = None,
        sms_tokens: tuple[str, ...] = (),
    ) -> None:
        super().__init__("message-sink")
        self.host = host
        self.smtp_port = smtp_port
        self.http_port = http_port
        self.store = MessageStore(journal)
        self.faults = Faults()
        self._tokens = sms_tokens
        self._smtp_server: asyncio.AbstractServer | None = None
        self._runner: web.AppRunner | None = None

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.http_port}"

    @property
    def sms_url(self) -> str:
        return f"{self.http_url}/sms"

    async def _set_smtp_up(self, up: bool) -> None:
        if up and self._smtp_server is None:
            handler = KeepingHandler(self.store)
            self._smtp_server = await self._loop.create_server(
                lambda: SMTP(handler, hostname="monespace-sink"), self.host, self.smtp_port
            )
        elif not up and self._smtp_server is not None:
            self._smtp_server.close()
            await self._smtp_server.wait_closed()
            self._smtp_server = None

    async def _start(self) -> None:
        await self._set_smtp_up(True)
        app = build_app(self.store, self.faults, self._tokens, self._set_smtp_up)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.http_port).start()

    async def _stop(self) -> None:
        await self._set_smtp_up(False)
        if self._runner is not None:
            await self._runner.cleanup()

    def set_smtp_up(self, up: bool) -> None:
        self._call(self._set_smtp_up(up))

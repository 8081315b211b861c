"""A tiny round-robin reverse proxy in front of the cluster's Keycloak nodes (development and tests;
production puts its own load balancer there).

It does what a load balancer in front of Keycloak must do and nothing more: sets
X-Forwarded-For (to the client's address, replacing any the client sent)/-Proto/-Host/-Port (the
nodes run with --proxy-headers=xforwarded), streams
request and response bodies, and keeps no stickiness, so consecutive requests of one doctor land
on different nodes. A node leaves the rotation when its /health/ready stops answering 200
(checked every second) or at once when a connection to it is refused, and comes back when ready.
Each response names the node that served it in `X-Monespace-Node`.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

import aiohttp
from aiohttp import web

from message_sink.loop_thread import LoopThreadServer

NODE_HEADER = "X-Monespace-Node"
#: Per-connection headers (RFC 9110 §7.6.1), never forwarded; Host is the backend's own.
HOP_BY_HOP = frozenset(
    h.lower()
    for h in (
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host",
    )
)  # fmt: skip
UNAVAILABLE_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Service momentanément indisponible</title></head>
<body><h1>Service momentanément indisponible</h1>
<p>MonEspace ne répond pas pour le moment. Veuillez réessayer dans quelques instants.</p></body></html>
"""


@dataclass
class Backend:
    name: str
    url: str  # http://127.0.0.1:<http port>
    health_url: str | None = None  # http://127.0.0.1:<management port>/health/ready
    up: bool = True
    served: int = 0


class Front(LoopThreadServer):
    """`Front(backends, port).start()` … `stop()`: an aiohttp server on its own loop and thread."""

    call_timeout = 15

    def __init__(
        self, backends: list[Backend], port: int, host: str = "127.0.0.1", health_interval: float = 1.0
    ) -> None:
        super().__init__("cluster-front")
        self.backends = backends
        self.host = host
        self.port = port
        self.health_interval = health_interval
        self._next = 0
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None
        self._health_task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://{'localhost' if self.host == '127.0.0.1' else self.host}:{self.port}"

    async def _start(self) -> None:
        # No keep-alive to the nodes: a pooled connection to a node killed since would fail
        # *after* the request was sent, when retrying elsewhere is no longer safe. A refused
        # connect is always safe to retry on the next node.
        self._client = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(force_close=True),
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=5, sock_read=120),
            auto_decompress=False,  # bytes and Content-Encoding pass through unchanged
            cookie_jar=aiohttp.DummyCookieJar(),
        )
        await self._check_health()
        self._health_task = self._loop.create_task(self._health_loop())
        app = web.Application(client_max_size=0)
        app.router.add_route("*", "/{tail:.*}", self._proxy)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()

    async def _stop(self) -> None:
        if self._health_task is not None:
            self._health_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._health_task
        if self._runner is not None:
            await self._runner.cleanup()
        if self._client is not None:
            await self._client.close()

    async def _health_loop(self) -> None:
        while True:
            await asyncio.sleep(self.health_interval)
            await self._check_health()

    async def _check_health(self) -> None:
        async def check(backend: Backend) -> None:
            if backend.health_url is None:
                return
            assert self._client is not None
            try:
                async with self._client.get(backend.health_url, timeout=aiohttp.ClientTimeout(total=2)) as reply:
                    backend.up = reply.status == 200
            except (aiohttp.ClientError, TimeoutError):
                backend.up = False

        await asyncio.gather(*(check(b) for b in self.backends))

    def _rotation(self) -> list[Backend]:
        """Every backend once, starting with the next in turn; ready ones first."""
        start = self._next
        self._next = (self._next + 1) % len(self.backends)
        ordered = [self.backends[(start + i) % len(self.backends)] for i in range(len(self.backends))]
        # Not-ready nodes stay last resorts: the health check may lag behind a node coming back.
        return [b for b in ordered if b.up] + [b for b in ordered if not b.up]

    def _forwarded_headers(self, request: web.Request) -> dict[str, str]:
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        # The front is the first proxy: a client's own X-Forwarded-For is dropped, not extended,
        # or the nodes (which trust the front) would count the address the client chose.
        headers["X-Forwarded-For"] = request.remote or "127.0.0.1"
        headers["X-Forwarded-Proto"] = request.scheme
        headers["X-Forwarded-Host"] = request.host
        headers["X-Forwarded-Port"] = str(request.url.port or (443 if request.scheme == "https" else 80))
        return headers

    async def _proxy(self, request: web.Request) -> web.StreamResponse:
        assert self._client is not None
        headers = self._forwarded_headers(request)
        body = request.content if request.body_exists else None
        for backend in self._rotation():
            try:
                upstream = await self._client.request(
                    request.method,
                    backend.url + request.rel_url.raw_path_qs,
                    headers=headers,
                    data=body,
                    allow_redirects=False,
                )
            except aiohttp.ClientConnectorError:
                backend.up = False  # refused before anything was sent: the next node gets it
                continue
            except (aiohttp.ClientError, TimeoutError):
                # The node died or stalled with the request in hand: it may have been applied,
                # so it is not replayed elsewhere.
                return self._unavailable()
            async with upstream:
                backend.served += 1
                return await self._relay(request, upstream, backend)
        return self._unavailable()

    async def _relay(
        self, request: web.Request, upstream: aiohttp.ClientResponse, backend: Backend
    ) -> web.StreamResponse:
        response = web.StreamResponse(status=upstream.status, reason=upstream.reason)
        for name, value in upstream.headers.items():  # multi-valued: every Set-Cookie is kept
            if name.lower() not in HOP_BY_HOP:
                response.headers.add(name, value)
        response.headers[NODE_HEADER] = backend.name
        await response.prepare(request)
        async for chunk in upstream.content.iter_any():
            await response.write(chunk)
        await response.write_eof()
        return response

    @staticmethod
    def _unavailable() -> web.Response:
        return web.Response(
            status=503, text=UNAVAILABLE_PAGE, content_type="text/html", charset="utf-8", headers={"Retry-After": "5"}
        )

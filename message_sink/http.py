"""HTTP side of the sink: the SMS gateway contract, JSON read-back for tests, a page for people."""

from __future__ import annotations

import asyncio
import html
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from message_sink.store import MessageStore

E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass
class Faults:
    """Fault injection for tests: how POST /sms answers, and whether SMTP listens."""

    sms: str = "ok"  # ok | fail (HTTP 500) | hang (no answer for hang_seconds)
    hang_seconds: float = 30.0


def build_app(
    store: MessageStore,
    faults: Faults,
    tokens: tuple[str, ...],
    set_smtp_up: Callable[[bool], Awaitable[None]],
) -> web.Application:
    routes = web.RouteTableDef()

    @routes.post("/sms")
    async def receive_sms(request: web.Request) -> web.Response:
        # Like a gateway during a token rotation, any of `tokens` is accepted (none: no check).
        if tokens and request.headers.get("Authorization") not in {f"Bearer {token}" for token in tokens}:
            return web.json_response({"error": "unauthorized"}, status=401)
        if faults.sms == "fail":
            return web.json_response({"error": "gateway failure (injected)"}, status=500)
        if faults.sms == "hang":
            await asyncio.sleep(faults.hang_seconds)
            return web.json_response({"error": "gateway timeout (injected)"}, status=504)
        try:
            body = await request.json()
        except ValueError:
            return web.json_response({"error": "body must be JSON"}, status=400)
        destination = body.get("destination") if isinstance(body, dict) else None
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(destination, str) or not E164.match(destination):
            return web.json_response({"error": "destination must be an E.164 number"}, status=400)
        if not isinstance(text, str) or not text.strip():
            return web.json_response({"error": "text must be a non-empty string"}, status=400)
        sms = store.add_sms(destination, text, time.time())
        return web.json_response({"id": sms.id}, status=202)

    @routes.get("/api/sms")
    async def list_sms(request: web.Request) -> web.Response:
        return web.json_response(store.as_json("sms", request.query.get("to")))

    @routes.get("/api/mails")
    async def list_mails(request: web.Request) -> web.Response:
        return web.json_response(store.as_json("mails", request.query.get("to")))

    @routes.delete("/api/messages")
    async def clear(request: web.Request) -> web.Response:
        store.clear()
        return web.Response(status=204)

    @routes.put("/api/faults")
    async def set_faults(request: web.Request) -> web.Response:
        body = await request.json()
        if "sms" in body:
            if body["sms"] not in ("ok", "fail", "hang"):
                return web.json_response({"error": "sms must be ok, fail or hang"}, status=400)
            faults.sms = body["sms"]
        if "hang_seconds" in body:
            faults.hang_seconds = float(body["hang_seconds"])
        if "smtp" in body:
            if body["smtp"] not in ("up", "down"):
                return web.json_response({"error": "smtp must be up or down"}, status=400)
            await set_smtp_up(body["smtp"] == "up")
        return web.json_response({"sms": faults.sms, "hang_seconds": faults.hang_seconds})

    @routes.get("/")
    async def page(request: web.Request) -> web.Response:
        return web.Response(text=render_page(store), content_type="text/html", charset="utf-8")

    app = web.Application()
    app.add_routes(routes)
    return app


def _linkify(text: str) -> str:
    escaped = html.escape(text)
    return URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)


def _when(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%d/%m/%Y %H:%M:%S")


def render_page(store: MessageStore) -> str:
    sms_rows = "".join(
        f"<tr><td>{_when(s.received_at)}</td><td>{html.escape(s.destination)}</td><td>{_linkify(s.text)}</td></tr>"
        for s in reversed(store.sms())
    )
    mail_items = "".join(
        f"<article><h3>{html.escape(m.subject)}</h3><p class=meta>{_when(m.received_at)} — à "
        f"{html.escape(', '.join(m.recipients))}</p><pre>{_linkify(m.text)}</pre></article>"
        for m in reversed(store.mails())
    )
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>MonEspace — messages de développement</title>
<meta http-equiv="refresh" content="5">
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}}
table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}}
pre{{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}}
.meta{{color:#444}}</style></head>
<body><h1>Messages envoyés par MonEspace (développement)</h1>
<p>Cette page se met à jour toutes les 5 secondes. JSON : <a href="/api/sms">/api/sms</a>,
<a href="/api/mails">/api/mails</a> (filtre <code>?to=</code>).</p>
<h2>SMS</h2><table><thead><tr><th>Reçu</th><th>Destinataire</th><th>Texte</th></tr></thead>
<tbody>{sms_rows or "<tr><td colspan=3>Aucun SMS.</td></tr>"}</tbody></table>
<h2>E-mails</h2>{mail_items or "<p>Aucun e-mail.</p>"}
</body></html>"""

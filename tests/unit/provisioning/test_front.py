"""The cluster's round-robin front, against two tiny HTTP backends (no Keycloak)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from provisioning.devstack.front import NODE_HEADER, Backend, Front
from provisioning.devstack.ports import free_port


class Echo(BaseHTTPRequestHandler):
    """Answers what it received; /redirect answers 302 with two cookies; /health/ready 200 or 503."""

    def do_GET(self) -> None:
        if self.path == "/health/ready":
            self.send_response(200 if self.server.ready else 503)  # type: ignore[attr-defined]
            self.end_headers()
            return
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://localhost:1/elsewhere")
            self.send_header("Set-Cookie", "A=1; Path=/")
            self.send_header("Set-Cookie", "B=2; Path=/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._echo(b"")

    def do_POST(self) -> None:
        self._echo(self.rfile.read(int(self.headers.get("Content-Length", "0"))))

    def _echo(self, body: bytes) -> None:
        reply = json.dumps(
            {"name": self.server.name, "path": self.path, "headers": dict(self.headers), "body": body.decode()}  # type: ignore[attr-defined]
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args: object) -> None:
        pass


def serve(name: str) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Echo)
    server.name = name  # type: ignore[attr-defined]
    server.ready = True  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def servers() -> Iterator[list[ThreadingHTTPServer]]:
    started = [serve("node-1"), serve("node-2")]
    yield started
    for server in started:
        server.shutdown()
        server.server_close()


def url(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_requests_alternate_and_carry_the_forwarded_headers(servers: list[ThreadingHTTPServer]) -> None:
    backends = [Backend(s.name, url(s)) for s in servers]  # type: ignore[attr-defined]
    with Front(backends, free_port()) as front:
        replies = [requests.get(f"{front.url}/realms/x?a=1&b=%C3%A9", timeout=5) for _ in range(4)]
        posted = requests.post(f"{front.url}/form", data={"code": "123456"}, timeout=5)
        redirect = requests.get(f"{front.url}/redirect", allow_redirects=False, timeout=5)
    names = [reply.json()["name"] for reply in replies]
    assert names in (["node-1", "node-2"] * 2, ["node-2", "node-1"] * 2), "round robin, no stickiness"
    assert [reply.headers[NODE_HEADER] for reply in replies] == names
    first = replies[0].json()
    assert first["path"] == "/realms/x?a=1&b=%C3%A9", "path and query passed as sent"
    assert first["headers"]["X-Forwarded-For"] == "127.0.0.1"
    assert first["headers"]["X-Forwarded-Proto"] == "http"
    assert first["headers"]["X-Forwarded-Host"] == f"localhost:{front.port}"
    assert first["headers"]["X-Forwarded-Port"] == str(front.port)
    assert posted.json()["body"] == "code=123456"
    assert redirect.status_code == 302 and redirect.headers["Location"] == "http://localhost:1/elsewhere"
    assert {c.name for c in redirect.cookies} == {"A", "B"}, "every Set-Cookie passes"


def test_a_client_cannot_choose_the_address_the_nodes_see(servers: list[ThreadingHTTPServer]) -> None:
    """Issue 10: the nodes trust X-Forwarded-For from the front; a client's own must not pass, or
    it would pick the address the per-address throttles count."""
    with Front([Backend(servers[0].name, url(servers[0]))], free_port()) as front:  # type: ignore[attr-defined]
        forged = requests.get(f"{front.url}/x", headers={"X-Forwarded-For": "203.0.113.7, 10.0.0.1"}, timeout=5)
    assert forged.json()["headers"]["X-Forwarded-For"] == "127.0.0.1"


def test_a_refused_node_is_skipped_and_no_node_at_all_is_a_french_503(servers: list[ThreadingHTTPServer]) -> None:
    dead = Backend("node-1", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    alive = Backend("node-2", url(servers[1]))
    with Front([dead, alive], free_port()) as front:
        names = [requests.get(f"{front.url}/x", timeout=5).headers[NODE_HEADER] for _ in range(4)]
        assert names == ["node-2"] * 4
        assert dead.up is False and alive.served == 4
        alive.url = dead.url
        reply = requests.get(f"{front.url}/x", timeout=5)
    assert reply.status_code == 503 and "Service momentanément indisponible" in reply.text


def test_a_node_that_is_not_ready_leaves_the_rotation_until_it_is(servers: list[ThreadingHTTPServer]) -> None:
    backends = [Backend(s.name, url(s), f"{url(s)}/health/ready") for s in servers]  # type: ignore[attr-defined]
    servers[0].ready = False  # type: ignore[attr-defined]
    with Front(backends, free_port(), health_interval=0.1) as front:
        assert {requests.get(f"{front.url}/x", timeout=5).headers[NODE_HEADER] for _ in range(4)} == {"node-2"}
        servers[0].ready = True  # type: ignore[attr-defined]
        threading.Event().wait(0.5)
        assert {requests.get(f"{front.url}/x", timeout=5).headers[NODE_HEADER] for _ in range(4)} == {
            "node-1",
            "node-2",
        }

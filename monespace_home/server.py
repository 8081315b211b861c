"""`HomeServer`: the home app in a thread of the calling process (dev stack, tests).

Werkzeug's server is enough there and stops cleanly; `python -m monespace_home` serves the same
app with waitress, a production WSGI server.
"""

from __future__ import annotations

import socket
import threading

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from monespace_home.app import create_app
from monespace_home.settings import Settings


class HomeServerError(RuntimeError):
    pass


class _QuietHandler(WSGIRequestHandler):
    # One line per request would drown the dev stack's and pytest's output; errors still show.
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


def _ensure_free(host: str, port: int) -> None:
    # Werkzeug answers a busy port with sys.exit(1): check first for a clear error instead.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise HomeServerError(f"the MonEspace home cannot listen on {host}:{port}: {exc.strerror or exc}") from None


class HomeServer:
    """Listens on `host`:`port` (default: the port of the settings' public URL)."""

    def __init__(self, settings: Settings, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.settings = settings
        self.host = host
        self.port = port if port is not None else settings.port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return self.settings.public_url

    def start(self) -> HomeServer:
        if self._server is not None:
            return self
        app = create_app(self.settings)
        _ensure_free(self.host, self.port)
        try:
            server = make_server(self.host, self.port, app, threaded=True, request_handler=_QuietHandler)
        except SystemExit as exc:  # werkzeug exits when the port was taken since the check
            raise HomeServerError(f"the MonEspace home cannot listen on {self.host}:{self.port}") from exc
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="monespace-home", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = None
        self._thread = None

    def __enter__(self) -> HomeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""A WSGI app served by werkzeug in a thread of the calling process (dev stack, tests): the home
and the support page. Werkzeug's server is enough there and stops cleanly; in production each app
runs under waitress (`python -m monespace_home`, `python -m monespace_support`)."""

from __future__ import annotations

import socket
import threading
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Self

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


class ServerError(RuntimeError):
    pass


class _QuietHandler(WSGIRequestHandler):
    # One line per request would drown the dev stack's and pytest's output; errors still show.
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class ThreadedServer(ABC):
    """Serves ``app()`` on `host`:`port` from `start()` to `stop()`; `what` names it in errors."""

    what = "the app"
    error: type[ServerError] = ServerError

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @abstractmethod
    def app(self) -> WSGIApplication:
        """The app to serve, made at each start."""

    def start(self) -> Self:
        if self._server is not None:
            return self
        app = self.app()
        self._ensure_free()
        try:
            server = make_server(self.host, self.port, app, threaded=True, request_handler=_QuietHandler)
        except SystemExit as exc:  # werkzeug exits when the port was taken since the check
            raise self.error(f"{self.what} cannot listen on {self.host}:{self.port}") from exc
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name=type(self).__name__, daemon=True)
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

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _ensure_free(self) -> None:
        # Werkzeug answers a busy port with sys.exit(1): check first for a clear error instead.
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((self.host, self.port))
            except OSError as exc:
                reason = exc.strerror or exc
                raise self.error(f"{self.what} cannot listen on {self.host}:{self.port}: {reason}") from None

"""`SupportServer`: the support page in a thread of the calling process (dev stack, tests);
`python -m monespace_support` serves the same app with waitress."""

from __future__ import annotations

import threading

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from monespace_support.app import create_app
from monespace_support.settings import Settings


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class SupportServer:
    def __init__(self, settings: Settings, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.settings = settings
        self.host = host
        self.port = port if port is not None else settings.port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return self.settings.public_url

    def start(self) -> SupportServer:
        if self._server is None:
            self._server = make_server(
                self.host, self.port, create_app(self.settings), threaded=True, request_handler=_QuietHandler
            )
            self._thread = threading.Thread(target=self._server.serve_forever, name="monespace-support", daemon=True)
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

    def __enter__(self) -> SupportServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

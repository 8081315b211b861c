"""`HomeServer`: the home app in a thread of the calling process (dev stack, tests);
`python -m monespace_home` serves the same app with waitress, a production WSGI server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from monespace_home.app import create_app
from monespace_home.settings import Settings
from monespace_home.threaded_server import ServerError, ThreadedServer

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


class HomeServerError(ServerError):
    pass


class HomeServer(ThreadedServer):
    """Listens on `host`:`port` (default: the port of the settings' public URL)."""

    what = "the MonEspace home"
    error = HomeServerError

    def __init__(self, settings: Settings, host: str = "127.0.0.1", port: int | None = None) -> None:
        super().__init__(host, port if port is not None else settings.port)
        self.settings = settings

    @property
    def url(self) -> str:
        return self.settings.public_url

    def app(self) -> WSGIApplication:
        return create_app(self.settings)

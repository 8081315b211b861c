"""`SupportServer`: the support page in a thread of the calling process (dev stack, tests);
`python -m monespace_support` serves the same app with waitress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from monespace_home.threaded_server import ThreadedServer
from monespace_support.app import create_app
from monespace_support.settings import Settings

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


class SupportServer(ThreadedServer):
    """Listens on `host`:`port` (default: the port of the settings' public URL)."""

    what = "the support page"

    def __init__(self, settings: Settings, host: str = "127.0.0.1", port: int | None = None) -> None:
        super().__init__(host, port if port is not None else settings.port)
        self.settings = settings

    @property
    def url(self) -> str:
        return self.settings.public_url

    def app(self) -> WSGIApplication:
        return create_app(self.settings)

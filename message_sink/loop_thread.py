"""A server that runs on its own asyncio loop in a daemon thread, driven from synchronous code
(the dev stack, tests and benchmarks are synchronous; aiohttp and aiosmtpd are not)."""

from __future__ import annotations

import asyncio
import threading
from abc import ABC, abstractmethod
from typing import Any, Self


class LoopThreadServer(ABC):
    """Subclasses implement `_start` and `_stop` (coroutines run on the loop); callers use
    `start()`/`stop()` or `with`."""

    #: How long start and stop may take, in seconds.
    call_timeout: float = 10

    def __init__(self, thread_name: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name=thread_name, daemon=True)

    @abstractmethod
    async def _start(self) -> None:
        """Open the servers (runs on the loop)."""

    @abstractmethod
    async def _stop(self) -> None:
        """Close them (runs on the loop)."""

    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(self.call_timeout)

    def start(self) -> Self:
        self._thread.start()
        self._call(self._start())
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._call(self._stop())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

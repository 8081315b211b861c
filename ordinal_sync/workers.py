"""Normalise records on every core: phone and e-mail validation are most of a record's cost.

Normalisation is pure Python, so threads would share one core: records go to worker processes
in chunks and come back in the order they went. Each worker is a fresh interpreter running
``python -m ordinal_sync.workers``: it imports the normalisation modules and nothing else,
inherits neither the parent's threads nor its memory (a forked copy would count the parent's
pages again), and does not re-run the caller's main module as multiprocessing's spawn and
forkserver modes do. Few records (a daily run) are normalised in process: starting the
workers costs about a second.

Protocol on the worker's stdin and stdout: messages of a 4-byte big-endian length and a pickle;
``(layout, today, groups)`` in, ``("ok", [Normalised…])`` or ``("error", traceback)`` out; an
empty message asks the worker to stop.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import IO, Any

from ordinal_sync.grouping import Group
from ordinal_sync.hashing import content_hash
from ordinal_sync.model import Normalised
from ordinal_sync.normalise import doctor_from_csv, doctor_from_extraction
from ordinal_sync.readers import Layout

#: Below this many records the workers' start (about a second) costs more than they save.
PARALLEL_FROM = 20_000
CHUNK = 250  # records per message
_IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: keeps it busy, bounds memory


class WorkerFailed(RuntimeError):
    """A worker process died or could not normalise a chunk (a bug: the message says where)."""


def default_workers() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def normalise_group(group: Group, layout: Layout, today: date) -> Normalised:
    lines = [line.source_line() for line in group.lines]
    normalise = doctor_from_extraction if layout is Layout.EXTRACTION else doctor_from_csv
    doctor, issues = normalise(lines, today)
    if doctor is None:
        return Normalised(issues[0], tuple(issues), group.raw_digest, None)
    return Normalised(doctor, tuple(issues), group.raw_digest, content_hash(doctor))


def normalised(groups: Iterable[Group], layout: Layout, today: date, workers: int = 1) -> Iterator[Normalised]:
    """Normalise ``groups`` with ``workers`` processes (1: in this one), in their order."""
    if workers <= 1:
        for group in groups:
            yield normalise_group(group, layout, today)
        return
    pool = [_Worker() for _ in range(workers)]
    finished = False
    try:
        iterator = iter(groups)
        in_flight: deque[_Worker] = deque()
        turn = 0
        while True:
            while len(in_flight) < workers * _IN_FLIGHT_PER_WORKER:
                chunk = list(islice(iterator, CHUNK))
                if not chunk:
                    break
                worker = pool[turn % workers]
                turn += 1
                worker.send((layout, today, chunk))
                in_flight.append(worker)
            if not in_flight:
                finished = True
                return
            # Each worker answers its chunks in order, and chunks went round: order is kept.
            yield from in_flight.popleft().receive()
    finally:
        for worker in pool:
            worker.close(wait=finished)


class _Worker:
    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._stdin: IO[bytes] = self._process.stdin
        self._stdout: IO[bytes] = self._process.stdout
        # Writes go through a thread: a worker blocked on a full stdout while this process
        # writes it a new chunk would otherwise wait forever for the reader.
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._writer = threading.Thread(target=self._write_all, name="normalise-feed", daemon=True)
        self._writer.start()

    def send(self, message: object) -> None:
        self._outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def receive(self) -> list[Normalised]:
        answer = _read_message(self._stdout)
        if answer is None:
            raise WorkerFailed(f"a normalisation worker ended unexpectedly (exit code {self._process.poll()})")
        kind, payload = pickle.loads(answer)
        if kind != "ok":
            raise WorkerFailed(f"a normalisation worker failed: {payload}")
        results: list[Normalised] = payload
        return results

    def _write_all(self) -> None:
        try:
            while (data := self._outbox.get()) is not None:
                _write_message(self._stdin, data)
            _write_message(self._stdin, b"")
            self._stdin.close()
        except (BrokenPipeError, ValueError, OSError):
            pass  # the worker is gone: receive() reports it

    def close(self, wait: bool) -> None:
        """Stop the worker: after its last chunk when ``wait``, at once otherwise."""
        self._outbox.put(None)
        if wait:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=5)
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._writer.join(timeout=5)
        self._stdout.close()


def _write_message(stream: IO[bytes], data: bytes) -> None:
    stream.write(len(data).to_bytes(4, "big") + data)
    stream.flush()


def _read_message(stream: IO[bytes]) -> bytes | None:
    head = stream.read(4)
    if len(head) < 4:
        return None
    size = int.from_bytes(head, "big")
    data = stream.read(size)
    return data if len(data) == size else None


def _serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    while message := _read_message(stdin):
        answer: tuple[str, Any]
        try:
            layout, today, chunk = pickle.loads(message)
            answer = ("ok", [normalise_group(group, layout, today) for group in chunk])
        except Exception:  # sent back whole: the parent stops the run with it
            answer = ("error", traceback.format_exc())
        _write_message(stdout, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    # The parent decides when the work stops (Ctrl-C reaches the whole process group).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _serve(sys.stdin.buffer, sys.stdout.buffer)

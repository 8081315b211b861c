"""How a run shows it is alive: a rich progress display on a terminal, periodic log lines
otherwise (cron, Kubernetes logs), nothing when called as a library.

The run reports *tasks* (reading the file, reading Keycloak, planning, applying), each with a
count, a unit and, when known, a total; the display turns that into rate and ETA.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


@dataclass(frozen=True)
class Phase:
    name: str
    start: float  # seconds since the run began
    seconds: float  # wall time
    cpu: float  # CPU time of the thread that ran it (workers' time not included)


class PhaseClock:
    """Wall and CPU time of a run's phases; they may overlap (the export runs beside the first
    pass, in a thread of its own). A phase starts and ends in one thread."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._origin = clock()
        self._open: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()
        self.phases: list[Phase] = []

    def elapsed(self) -> float:
        return self._clock() - self._origin

    def start(self, name: str) -> None:
        with self._lock:
            self._open[name] = (self.elapsed(), time.thread_time())

    def end(self, name: str) -> None:
        """Close ``name`` if open (a second end is ignored)."""
        with self._lock:
            opened = self._open.pop(name, None)
            if opened is not None:
                started, cpu = opened
                self.phases.append(Phase(name, started, self.elapsed() - started, time.thread_time() - cpu))

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self.start(name)
        try:
            yield
        finally:
            self.end(name)


class Task(Protocol):
    def advance(self, amount: int = 1) -> None: ...

    def done(self) -> None: ...


class ProgressDisplay(Protocol):
    def task(self, description: str, *, unit: str, total: int | None = None) -> Task: ...

    def note(self, message: str) -> None:
        """A line always shown (phase changes, warnings)."""

    def detail(self, message: str) -> None:
        """A line shown with --verbose only (one per change, per batch…)."""

    def close(self) -> None: ...


# --- nothing -------------------------------------------------------------------------------


class _SilentTask:
    def advance(self, amount: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


class SilentProgress:
    """For library callers (the dev stack's demo load, tests)."""

    def task(self, description: str, *, unit: str, total: int | None = None) -> Task:
        return _SilentTask()

    def note(self, message: str) -> None:
        pass

    def detail(self, message: str) -> None:
        pass

    def close(self) -> None:
        pass


# --- plain log lines -------------------------------------------------------------------------


def _duration(elapsed: float) -> str:
    seconds = round(elapsed)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class _LogTask:
    def __init__(self, display: LogProgress, description: str, unit: str, total: int | None) -> None:
        self._display = display
        self.description = description
        self.unit = unit
        self.total = total
        self.count = 0
        self.started = display.clock()
        self._last_line = self.started

    def advance(self, amount: int = 1) -> None:
        self.count += amount
        now = self._display.clock()
        if now - self._last_line >= self._display.interval:
            self._last_line = now
            self._display.line(self.status(now))

    def status(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.count / elapsed
        done = f"{self.count:,}"
        if self.total:
            done += f"/{self.total:,} {self.unit} ({self.count / self.total:.0%})"
        else:
            done += f" {self.unit}"
        line = f"{self.description}: {done}, {rate:,.0f}/s"
        if self.total and rate > 0 and self.count < self.total:
            line += f", ETA {_duration((self.total - self.count) / rate)}"
        return line

    def done(self) -> None:
        elapsed = self._display.clock() - self.started
        rate = self.count / max(elapsed, 1e-9)
        self._display.line(
            f"{self.description}: done, {self.count:,} {self.unit} in {_duration(elapsed)} ({rate:,.0f}/s)"
        )


class LogProgress:
    """One line per task every ``interval`` seconds, and one when it ends; timestamped."""

    def __init__(
        self,
        stream: IO[str],
        *,
        interval: float = 15.0,
        verbose: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self.interval = interval
        self.verbose = verbose
        self.clock = clock
        self._lock = threading.Lock()

    def task(self, description: str, *, unit: str, total: int | None = None) -> Task:
        return _LogTask(self, description, unit, total)

    def line(self, message: str) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        with self._lock:
            self._stream.write(f"{stamp} {message}\n")
            self._stream.flush()

    def note(self, message: str) -> None:
        self.line(message)

    def detail(self, message: str) -> None:
        if self.verbose:
            self.line(message)

    def close(self) -> None:
        pass


# --- terminal --------------------------------------------------------------------------------


class _RichTask:
    """Keeps a "N/s" field current: rich's own speed estimate needs a task with a total."""

    def __init__(self, progress: Progress, task_id: TaskID) -> None:
        self._progress = progress
        self._id = task_id

    def advance(self, amount: int = 1) -> None:
        self._progress.advance(self._id, amount)
        task = self._progress.tasks[self._id]
        elapsed = task.elapsed or 0.0
        if elapsed > 0:
            self._progress.update(self._id, rate=f"{task.completed / elapsed:,.0f}/s")

    def done(self) -> None:
        task = self._progress.tasks[self._id]
        self._progress.update(self._id, total=task.completed, completed=task.completed)
        self._progress.stop_task(self._id)


class RichProgress:
    """Bars with count, rate and ETA on a terminal (stderr), lines printed above them."""

    def __init__(self, console: Console | None = None, *, verbose: bool = False) -> None:
        self.verbose = verbose
        self._progress = Progress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),
            refresh_per_second=4,
        )
        self._progress.start()

    def task(self, description: str, *, unit: str, total: int | None = None) -> Task:
        task_id = self._progress.add_task(description, total=total, unit=unit, rate="")
        return _RichTask(self._progress, task_id)

    def note(self, message: str) -> None:
        self._progress.console.print(message, markup=False, highlight=False)

    def detail(self, message: str) -> None:
        if self.verbose:
            self.note(message)

    def close(self) -> None:
        self._progress.stop()


def progress_for(stream: IO[str], *, verbose: bool) -> ProgressDisplay:
    """A rich display when ``stream`` is a terminal, log lines otherwise."""
    if stream.isatty():
        return RichProgress(Console(file=stream), verbose=verbose)
    return LogProgress(stream, verbose=verbose)

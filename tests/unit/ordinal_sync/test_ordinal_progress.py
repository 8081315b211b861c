"""Progress for operators: periodic log lines with rate and ETA when no terminal is attached."""

from __future__ import annotations

import io
import re

from ordinal_sync.progress import LogProgress, RichProgress, SilentProgress, progress_for


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def lines(stream: io.StringIO) -> list[str]:
    return [re.sub(r"^\S+ \S+ ", "", line) for line in stream.getvalue().splitlines()]


def test_log_lines_every_interval_with_rate_and_eta_then_a_closing_line() -> None:
    stream, clock = io.StringIO(), Clock()
    display = LogProgress(stream, interval=10, clock=clock)
    task = display.task("Writing to Keycloak", unit="doctors", total=1000)
    clock.now = 5
    task.advance(100)
    assert lines(stream) == [], "no line before the interval"
    clock.now = 10
    task.advance(100)
    clock.now = 20
    task.advance(300)
    task.done()
    assert lines(stream) == [
        "Writing to Keycloak: 200/1,000 doctors (20%), 20/s, ETA 40s",
        "Writing to Keycloak: 500/1,000 doctors (50%), 25/s, ETA 20s",
        "Writing to Keycloak: done, 500 doctors in 20s (25/s)",
    ]


def test_a_task_without_total_shows_count_and_rate_and_details_need_verbose() -> None:
    stream, clock = io.StringIO(), Clock()
    display = LogProgress(stream, interval=1, clock=clock)
    task = display.task("Reading ordinal.csv", unit="lines")
    clock.now = 3725
    task.advance(7450)
    display.detail("create: 10000000017")
    display.note("refused")
    assert lines(stream) == ["Reading ordinal.csv: 7,450 lines, 2/s", "refused"]
    LogProgress(stream, verbose=True).detail("create: 10000000017")
    assert stream.getvalue().endswith("create: 10000000017\n")


def test_a_terminal_gets_bars_anything_else_log_lines() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    bar = progress_for(Terminal(), verbose=False)
    assert isinstance(bar, RichProgress)
    task = bar.task("Writing", unit="doctors", total=10)
    task.advance(10)
    task.done()
    bar.close()
    assert isinstance(progress_for(io.StringIO(), verbose=True), LogProgress)
    silent = SilentProgress()
    silent.task("x", unit="y").advance()
    silent.close()

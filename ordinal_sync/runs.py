"""What the batch commands (`monespace ordinal sync`, `monespace legacy import`) share on the
command line: the progress display chosen by --progress, a failure as one line and exit code 1,
SIGTERM (a CronJob's deadline, a pod eviction) handled like Ctrl-C."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click

from ordinal_sync.keycloak_bulk import BulkEndpointError
from ordinal_sync.progress import LogProgress, ProgressDisplay, RichProgress, SilentProgress, progress_for
from ordinal_sync.textfile import SourceFileError

PROGRESS_CHOICES = ("auto", "bar", "log", "none")


class RunFailed(click.ClickException):
    exit_code = 1


class Interrupted(BaseException):
    """SIGTERM: stop like Ctrl-C, report included."""


def progress_display(mode: str, verbose: bool) -> ProgressDisplay:
    """auto: a progress bar on a terminal, timestamped log lines otherwise (cron, Kubernetes)."""
    if mode == "none":
        return SilentProgress()
    if mode == "bar":
        return RichProgress(verbose=verbose)
    if mode == "log":
        return LogProgress(sys.stderr, verbose=verbose)
    return progress_for(sys.stderr, verbose=verbose)


@contextmanager
def failures_in_one_line(run: str) -> Iterator[None]:
    """Unreadable files, a failing endpoint, an interruption: one line naming ``run`` ("the sync")."""
    try:
        yield
    except SourceFileError as error:
        raise RunFailed(str(error)) from None
    except BulkEndpointError as error:
        raise RunFailed(f"{error} (batches sent before this one were kept; a rerun completes {run})") from None
    except (KeyboardInterrupt, Interrupted):
        raise RunFailed(f"interrupted; batches sent so far were kept, a rerun completes {run}") from None
    except OSError as error:
        raise RunFailed(f"{type(error).__name__}: {error}") from None


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise Interrupted()

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

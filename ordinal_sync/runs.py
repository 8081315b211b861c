"""What the batch commands (`monespace ordinal sync`, `monespace legacy import`) share on the
command line: their common options and exit codes, the progress display chosen by --progress, a
failure as one line and exit code 1, SIGTERM (a CronJob's deadline, a pod eviction) handled like
Ctrl-C."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from ordinal_sync.keycloak_bulk import BulkEndpointError
from ordinal_sync.planning import DEFAULT_MAX_CHANGE_SHARE
from ordinal_sync.progress import LogProgress, ProgressDisplay, RichProgress, SilentProgress, progress_for
from ordinal_sync.textfile import SourceFileError
from ordinal_sync.workers import WorkerFailed

ENV_REALM = "MONESPACE_REALM"
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def exit_codes(refused: str, unreadable: str) -> str:
    """The exit codes a batch command documents (its --help epilog)."""
    return f"""\b
Exit codes: 0 success
            1 failure: {unreadable}, Keycloak unreachable or refusing the
              credentials, a request failing after retries, interrupted
            2 usage error
            3 success, but {refused} (listed in the report)
            4 refused by the safety limit: nothing written
            --dry-run exits with the code the real run would have."""


realm_option = click.option(
    "--realm", envvar=ENV_REALM, default="monespace", show_default=True, help=f"Realm of the doctors [env {ENV_REALM}]."
)
progress_option = click.option(
    "--progress",
    "progress_mode",
    type=click.Choice(("auto", "bar", "log", "none")),
    default="auto",
    show_default=True,
    help="auto: a progress bar on a terminal, periodic log lines otherwise (cron, Kubernetes).",
)


def report_option(name: str, what: str, envvar: str | None = None) -> Callable[[F], F]:
    """--report: where the run's JSON Lines go; by default ``<name>-<date>-<time>.jsonl`` here
    (report_file)."""
    env = f"env {envvar}; " if envvar else ""
    return click.option(
        "--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), envvar=envvar, default=None,
        help=f"{what} [{env}default: {name}-<date>-<time>.jsonl here].",
    )  # fmt: skip


def report_file(given: Path | None, name: str) -> Path:
    """--report's value, or the default report_option names."""
    return given or Path(f"{name}-{datetime.now():%Y%m%d-%H%M%S}.jsonl")


def change_limit_options(limit_help: str, force_help: str, envvar: str | None = None) -> Callable[[F], F]:
    """--max-change-percent, the safety limit of a run that changes what a realm holds, and --force."""

    def decorate(func: F) -> F:
        func = click.option("--force", is_flag=True, help=force_help)(func)
        env = f" [env {envvar}]" if envvar else ""
        return click.option(
            "--max-change-percent", type=click.FloatRange(0, 100), envvar=envvar,
            default=DEFAULT_MAX_CHANGE_SHARE * 100, show_default=True, help=limit_help + env,
        )(func)  # fmt: skip

    return decorate


def batching_options(unit: str, max_batch: int, default_size: int, default_parallel: int) -> Callable[[F], F]:
    """--batch-size (``unit`` per request, one Keycloak transaction each) and --parallel."""

    def decorate(func: F) -> F:
        func = click.option(
            "--parallel", type=click.IntRange(1, 8), default=default_parallel, show_default=True,
            help="Batches in flight at once.",
        )(func)  # fmt: skip
        return click.option(
            "--batch-size", type=click.IntRange(1, max_batch), default=default_size, show_default=True,
            help=f"{unit.capitalize()} per request (one Keycloak transaction each).",
        )(func)  # fmt: skip

    return decorate


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
    except WorkerFailed as error:
        raise RunFailed(str(error)) from None
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


def run_with_progress(
    job: str, progress_mode: str, verbose: bool, run: Callable[..., T], *args: Any, **kwargs: Any
) -> T:
    """``run(*args, progress=…, **kwargs)`` under the chosen progress display, failures in one line,
    SIGTERM as an interruption."""
    progress = progress_display(progress_mode, verbose)
    try:
        with failures_in_one_line(job), sigterm_interrupts():
            return run(*args, progress=progress, **kwargs)
    finally:
        progress.close()

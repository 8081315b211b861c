"""`python -m message_sink` — run the sink alone (the main command starts it for you)."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import click

from message_sink.server import MessageSink


@click.command()
@click.option("--smtp-port", default=2525, show_default=True, envvar="MONESPACE_SINK_SMTP_PORT")
@click.option("--http-port", default=8025, show_default=True, envvar="MONESPACE_SINK_HTTP_PORT")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="MONESPACE_SINK_HOST",
    help="Address to listen on (0.0.0.0 inside a container).",
)
@click.option("--journal", type=click.Path(path_type=Path), help="Keep messages in this JSON Lines file.")
@click.option(
    "--sms-token",
    "sms_tokens",
    multiple=True,
    envvar="MONESPACE_SINK_SMS_TOKENS",
    help="Bearer token the SMS gateway requires (repeatable: several are accepted, as during a rotation; "
    "env: space-separated) [default: none required].",
)
def main(smtp_port: int, http_port: int, host: str, journal: Path | None, sms_tokens: tuple[str, ...]) -> None:
    """Keep every mail and SMS MonEspace sends, and show them on http://HOST:HTTP_PORT/."""
    sink = MessageSink(
        smtp_port=smtp_port, http_port=http_port, host=host, journal=journal, sms_tokens=sms_tokens
    ).start()
    click.echo(f"SMTP on {host}:{smtp_port}, SMS gateway on {sink.sms_url}, page on {sink.http_url}/")
    done = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: done.set())
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    done.wait()
    sink.stop()


if __name__ == "__main__":
    main()

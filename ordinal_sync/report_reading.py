"""`monespace ordinal report FILE`: what an operator reads first in a sync's JSON Lines report.

The summary (completed or not, the plan, what was written, a refusal by the safety limit), then
the rejected records and warnings grouped by code, each with a few examples (line, RPPS,
message). Exits with the exit code the run had, so a script can act on a report alone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

EXIT_CODES = """\b
Exit codes: the run's own: 0 success, 3 records rejected, 4 refused by the safety limit,
            1 the run did not complete (rerun the sync); 2 the file is not a sync report"""
MEANINGS = {
    0: "success",
    1: "did not complete: rerun the sync, it completes what is missing",
    3: "success, but records were rejected: correct them at the source",
    4: "refused by the safety limit, nothing written: check the file, then --force if the change is expected",
}


@dataclass
class ReadReport:
    summary: dict[str, Any] | None = None
    issues: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    @property
    def exit_code(self) -> int:
        if not self.summary or not self.summary.get("completed"):
            return 1
        # A report of `ordinal check` has no exit code of its own: rejected records make it 3.
        return int(self.summary.get("exit_code", 3 if self.summary.get("rejected") else 0))


def read_report(path: Path) -> ReadReport:
    read = ReadReport()
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                raise click.BadParameter(f"line {number} is not JSON: not a sync report", param_hint="FILE") from None
            kind = record.get("type") if isinstance(record, dict) else None
            if kind == "summary":
                read.summary = record
            elif kind in ("reject", "warning"):
                read.issues[(kind, str(record.get("code")))].append(record)
            else:
                raise click.BadParameter(f"line {number} has no known type: not a sync report", param_hint="FILE")
    return read


@click.command(epilog=EXIT_CODES)
@click.argument("report_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--examples", default=3, show_default=True, type=click.IntRange(0), help="Records shown per code.")
def report(report_file: Path, examples: int) -> None:
    """Summarise the sync report FILE: outcome, counts, rejected records by code."""
    read = read_report(report_file)
    summary = read.summary or {}
    state = "completed" if summary.get("completed") else "NOT completed"
    dry = " (dry run: nothing written)" if summary.get("dry_run") else ""
    what = f"sync into realm {summary['realm']}" if "realm" in summary else f"check of {summary.get('source', '?')}"
    click.echo(f"{report_file.name}: {what}, {state}{dry}")
    if summary.get("error"):
        click.echo(f"  stopped by: {summary['error']}")
    if "plan" in summary:
        plan = ", ".join(f"{key.replace('_', '-')} {count:,}" for key, count in summary["plan"].items())
        click.echo(f"  plan: {plan} ({summary.get('existing', 0):,} doctors in Keycloak before)")
    if "applied" in summary:
        applied = ", ".join(f"{key.replace('_', ' ')} {count:,}" for key, count in summary["applied"].items())
        click.echo(f"  written: {applied}")
    if summary.get("refusal"):
        forced = " — applied anyway (--force)" if summary.get("forced") else ""
        click.echo(f"  safety limit: {summary['refusal']}{forced}")
    for (kind, code), records in sorted(read.issues.items(), key=lambda item: (item[0][0] != "reject", item[0][1])):
        label = "rejected" if kind == "reject" else "warnings"
        click.echo(f"  {label} {code}: {len(records):,}")
        for record in records[:examples]:
            lines = ",".join(str(n) for n in record.get("lines") or []) or "?"
            rpps = f" RPPS {record['rpps']}" if record.get("rpps") else ""
            click.echo(f"    line {lines}{rpps}: {record.get('message')}")
    outcome = read.exit_code
    click.echo(f"Outcome: exit {outcome} — {MEANINGS.get(outcome, 'unknown')}")
    raise SystemExit(outcome)

"""The run report: one JSON object per line, written as issues arise, a summary object last.

Objects:
- ``{"type": "reject" | "warning", "code", "message", "lines", "rpps", "field", "value"}``:
  ``lines`` are the record's line numbers (header = 1); ``rpps`` is null until the record
  has a valid one (an invalid RPPS is in ``value``, with ``field`` "rpps"); ``field`` and
  ``value`` name the offending value, null for whole-line problems;
- ``{"type": "summary", "completed": bool, "rejected": n, "warnings": n,
  "by_code": {code: n}, ...}`` plus whatever the run added (source statistics, plan counts).

A run that dies still leaves a summary, with ``"completed": false``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import IO

from ordinal_sync.model import Issue, Severity


class JsonlReport:
    def __init__(self, path: str | Path) -> None:
        # Line-buffered: a report tailed during a long run, or left by a crash, is up to date.
        self._file: IO[str] = Path(path).open("w", encoding="utf-8", buffering=1)  # noqa: SIM115 - closed by finish()/__exit__
        self._by_severity: Counter[Severity] = Counter()
        self._by_code: Counter[str] = Counter()
        self._summary: dict[str, object] = {}

    @property
    def rejected(self) -> int:
        return self._by_severity[Severity.REJECT]

    @property
    def warnings(self) -> int:
        return self._by_severity[Severity.WARNING]

    @property
    def by_code(self) -> dict[str, int]:
        """Issues so far per code, most frequent first."""
        return dict(self._by_code.most_common())

    def write(self, issue: Issue, **context: object) -> None:
        """One issue; ``context`` adds keys of the caller's own (JSON-serialisable) after the usual ones."""
        self._by_severity[issue.severity] += 1
        self._by_code[issue.code] += 1
        self._dump(
            {
                "type": issue.severity.value,
                "code": issue.code,
                "message": issue.message,
                "lines": list(issue.lines),
                "rpps": issue.rpps,
                "field": issue.field,
                "value": issue.value,
                **context,
            }
        )

    def add_summary(self, **fields: object) -> None:
        """Add fields (JSON-serialisable) to the final summary object."""
        self._summary.update(fields)

    def finish(self) -> None:
        """Write the summary of a completed run and close the report."""
        self._close(completed=True)

    def _close(self, completed: bool) -> None:
        if self._file.closed:
            return
        self._dump(
            {
                "type": "summary",
                "completed": completed,
                "rejected": self.rejected,
                "warnings": self.warnings,
                "by_code": dict(sorted(self._by_code.items())),
                **self._summary,
            }
        )
        self._file.close()

    def _dump(self, record: dict[str, object]) -> None:
        self._file.write(json.dumps(record, ensure_ascii=False) + "\n")

    def __enter__(self) -> JsonlReport:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if exc is not None:
            self.add_summary(error=f"{type(exc).__name__}: {exc}")
        self._close(completed=False)

"""Read a source file end to end: lines → one group per RPPS → Doctors or rejections.

This is the whole Keycloak-independent input side; a dry run is
``Planner(existing).plan(read_doctors(path, report))`` without applying the changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from ordinal_sync.grouping import group_by_rpps
from ordinal_sync.model import Issue, Severity, SourceRecord
from ordinal_sync.normalise import doctor_from_csv, doctor_from_extraction
from ordinal_sync.readers import Layout, SourceLine, SourceReader, open_source
from ordinal_sync.report import JsonlReport


def read_doctors(
    path: str | Path,
    report: JsonlReport,
    *,
    today: date | None = None,
    workdir: str | Path | None = None,
    on_lines: Callable[[int], None] | None = None,
) -> Iterator[SourceRecord]:
    """Yield one Doctor, or the rejection Issue standing for it, per record of the file.

    Each RPPS comes at most once. Rejections and warnings are also written to ``report``,
    with the source statistics for its summary. ``today`` bounds birth dates (tests fix
    it); ``workdir`` holds the temporary grouping database (default: the system's).
    Raises SourceFileError (or its UnknownLayoutError) at the first ``next()`` when the
    file cannot be read at all; ``readers.detect_layout`` checks that up front.
    """
    today = today or date.today()
    records = doctors = 0
    with open_source(path) as reader:
        normalise = doctor_from_extraction if reader.layout is Layout.EXTRACTION else doctor_from_csv
        lines: Iterable[SourceLine] = reader if on_lines is None else _counted(reader, on_lines)
        for group in group_by_rpps(lines, workdir):
            doctor, issues = normalise(group, today)
            for issue in issues:
                report.write(issue)
            records += 1
            if doctor is None:
                yield issues[0]
            else:
                doctors += 1
                yield doctor
        if (first := reader.legacy_from_line) is not None:
            report.write(
                Issue(
                    Severity.WARNING,
                    "encoding_fallback",
                    f"{reader.legacy_lines} ligne(s) non UTF-8, lue(s) en Windows-1252 (Latin-1) ; "
                    f"la première est la ligne {first}",
                    (first,),
                )
            )
        report.add_summary(
            source=str(path),
            layout=reader.layout.value,
            encoding=reader.encoding,
            non_utf8_lines=reader.legacy_lines,
            lines_read=reader.lines_read,
            skipped_lines=reader.skipped_lines,
            records=records,
            doctors=doctors,
        )


_TICK = 10_000


def _counted(reader: SourceReader, on_lines: Callable[[int], None]) -> Iterator[SourceLine]:
    reported = 0
    for line in reader:
        yield line
        if reader.lines_read - reported >= _TICK:
            on_lines(reader.lines_read - reported)
            reported = reader.lines_read
    on_lines(reader.lines_read - reported)

"""Read a source file end to end: lines → one group per RPPS → Doctors or rejections.

This is the whole Keycloak-independent input side, in two passes (grouping.py):
``SourceRead.index()`` reads every line once and digests each record; the caller may then
``skip`` the records it can decide without them (a sync run: those the saved state proves
unchanged); ``records()`` reads the file again for the records left and normalises them,
on every core when there are many. A dry run is ``Planner(existing).plan(read_doctors(...))``
without applying the changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ordinal_sync.grouping import Group, LineIndex, RecordKey, regroup
from ordinal_sync.model import Issue, Normalised, Severity, SourceRecord
from ordinal_sync.readers import Layout, SourceLine, SourceReader, open_source
from ordinal_sync.report import JsonlReport
from ordinal_sync.textfile import SourceFileError
from ordinal_sync.workers import PARALLEL_FROM, normalised

_TICK = 10_000


@dataclass(frozen=True)
class _Identity:
    size: int
    modified_ns: int

    @classmethod
    def of(cls, path: Path) -> _Identity:
        status = path.stat()
        return cls(status.st_size, status.st_mtime_ns)


class SourceRead:
    """One source file, read in up to two passes; issues and statistics go to ``report``.

    ``today`` bounds birth dates (tests fix it); ``on_lines`` is told of the lines read in
    the first pass; ``workers`` processes normalise when at least PARALLEL_FROM records are
    left for the second pass. Raises SourceFileError (or its UnknownLayoutError) when the file
    cannot be read, or changes between the passes.
    """

    def __init__(
        self,
        path: str | Path,
        report: JsonlReport,
        *,
        today: date | None = None,
        on_lines: Callable[[int], None] | None = None,
        workers: int = 1,
    ) -> None:
        self.path = Path(path)
        self._report = report
        self._today = today or date.today()
        self._on_lines = on_lines
        self._workers = workers
        self.lines = LineIndex()
        self.layout = Layout.EXTRACTION
        self.skipped = 0  # records decided without being read again
        self.normalised = 0
        self._doctors = 0
        self._identity: _Identity | None = None
        self._lines_read = 0
        self._encoding_warning: Issue | None = None

    def index(self) -> LineIndex:
        """Pass 1: every line read, every record digested (nothing normalised yet)."""
        self._identity = _Identity.of(self.path)
        with open_source(self.path) as reader:
            self.layout = reader.layout
            lines: Iterable[SourceLine] = reader if self._on_lines is None else _counted(reader, self._on_lines)
            self.lines.add_all(lines)
            self._lines_read = reader.lines_read
            self._report.add_summary(
                source=str(self.path),
                layout=reader.layout.value,
                encoding=reader.encoding,
                non_utf8_lines=reader.legacy_lines,
                lines_read=reader.lines_read,
                skipped_lines=reader.skipped_lines,
            )
            if (first := reader.legacy_from_line) is not None:
                self._encoding_warning = Issue(
                    Severity.WARNING,
                    "encoding_fallback",
                    f"{reader.legacy_lines} ligne(s) non UTF-8, lue(s) en Windows-1252 (Latin-1) ; "
                    f"la première est la ligne {first}",
                    (first,),
                )
        return self.lines

    def skip(self, key: RecordKey) -> None:
        """The caller decided this record without it: it is not read again."""
        self.lines.discard(key)
        self.skipped += 1

    @property
    def to_read(self) -> int:
        """Records the second pass will normalise (lines without an RPPS included)."""
        return len(self.lines) + self.lines.loose_lines

    def records(self, in_process: bool = False) -> Iterator[Normalised]:
        """Pass 2: the records left, normalised, each RPPS once; their issues go to the report.

        ``in_process``: no workers whatever the number of records (see apply.py's first run).
        """
        if self._identity is None:
            self.index()
        self.lines.compact()
        if self.to_read:
            workers = 1 if in_process or self.to_read < PARALLEL_FROM else self._workers
            for item in normalised(self._groups(), self.layout, self._today, workers):
                for issue in item.issues:
                    self._report.write(issue)
                self.normalised += 1
                self._doctors += not isinstance(item.record, Issue)
                yield item
        if self._encoding_warning is not None:
            self._report.write(self._encoding_warning)
        self._report.add_summary(
            records=self.skipped + self.normalised, doctors=self.skipped + self._doctors, normalised=self.normalised
        )

    def _groups(self) -> Iterator[Group]:
        with open_source(self.path) as reader:
            wanted = self.lines.wanted() if self.layout is Layout.EXTRACTION else None
            lines = reader.lines(wanted, self.lines.loose_numbers) if wanted is not None else reader.lines()
            yield from regroup(lines, self.lines)
            self.lines.compact()
            if reader.lines_read != self._lines_read or _Identity.of(self.path) != self._identity:
                raise SourceFileError(
                    f"{self.path}: the file changed while it was being read; run the sync again once it is complete"
                )


def read_doctors(
    path: str | Path,
    report: JsonlReport,
    *,
    today: date | None = None,
    on_lines: Callable[[int], None] | None = None,
    workers: int = 1,
) -> Iterator[SourceRecord]:
    """Yield one Doctor, or the rejection Issue standing for it, per record of the file.

    Each RPPS comes at most once. Rejections and warnings are also written to ``report``,
    with the source statistics for its summary.
    """
    source = SourceRead(path, report, today=today, on_lines=on_lines, workers=workers)
    source.index()
    for item in source.records():
        yield item.record


def _counted(reader: SourceReader, on_lines: Callable[[int], None]) -> Iterator[SourceLine]:
    reported = 0
    for line in reader:
        yield line
        if reader.lines_read - reported >= _TICK:
            on_lines(reader.lines_read - reported)
            reported = reader.lines_read
    on_lines(reader.lines_read - reported)

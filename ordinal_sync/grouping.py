"""Group the lines of one doctor, scattered anywhere in a file that does not fit in memory.

The lines go into a throw-away SQLite database on disk and come back sorted by RPPS, then
by line number: SQLite's sorter spills to temporary files, so memory stays bounded by its
page cache whatever the file size, and an index-free insert followed by one ORDER BY is
faster than keeping a B-tree sorted while inserting.
"""

from __future__ import annotations

import marshal
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ordinal_sync.readers import SourceLine

_CACHE_KIB = 32 * 1024  # SQLite page cache, and so its sorter's memory, before spilling
_FETCH = 2000


def group_by_rpps(lines: Iterable[SourceLine], workdir: str | Path | None = None) -> Iterator[list[SourceLine]]:
    """Yield the lines sharing an RPPS key together, in line order, groups sorted by key.

    Lines without a key (no RPPS, or unreadable) come one per group. The whole input is
    consumed before the first group is yielded. The database (about 65 MB for 450,000
    doctor lines) lives in a temporary directory, under ``workdir`` if given, removed when
    the generator ends or is closed; SQLite's sorter spills to its own temporary directory
    (``SQLITE_TMPDIR``, else /var/tmp or /tmp).
    """
    with tempfile.TemporaryDirectory(prefix="ordinal-grouping-", dir=workdir) as directory:
        database = sqlite3.connect(Path(directory) / "lines.sqlite")
        try:
            _store(database, lines)
            yield from _groups(database)
        finally:
            database.close()


def _store(database: sqlite3.Connection, lines: Iterable[SourceLine]) -> None:
    # A scratch database: no journal, no fsync; a crash just loses a temporary file.
    database.execute("PRAGMA journal_mode = OFF")
    database.execute("PRAGMA synchronous = OFF")
    database.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
    database.execute("CREATE TABLE line (key TEXT NOT NULL, line_no INTEGER NOT NULL, payload BLOB NOT NULL)")
    database.executemany(
        "INSERT INTO line VALUES (?, ?, ?)",
        ((line.key, line.line_no, marshal.dumps((line.fields, line.problem))) for line in lines),
    )
    database.commit()


def _groups(database: sqlite3.Connection) -> Iterator[list[SourceLine]]:
    cursor = database.execute("SELECT key, line_no, payload FROM line ORDER BY key, line_no")
    group: list[SourceLine] = []
    while rows := cursor.fetchmany(_FETCH):
        for key, line_no, payload in rows:
            fields, problem = marshal.loads(payload)
            line = SourceLine(line_no, key, fields, problem)
            if group and (not key or key != group[0].key):
                yield group
                group = []
            group.append(line)
    if group:
        yield group

"""Rows of the portal's tables, from whatever the operator exported: CSV files (one per table, named
after it, header first) or a MySQL/PostgreSQL dump holding several tables.

CSV: comma- or semicolon-separated with double quotes (phpMyAdmin, Adminer, MySQL Workbench,
``psql \\copy … CSV HEADER``), or tab-separated as ``mysql --batch`` writes it (backslash escapes,
no quotes). An empty field, ``NULL`` and ``\\N`` are all "no value". Files may be gzipped or zipped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from legacy_import.sqldump import Dialect, DumpStats, detect_dialect, read_dump
from ordinal_sync.textfile import SourceFileError, open_text_lines

_NULLS = frozenset({"", "NULL", "\\N"})
_CSV_SUFFIXES = (".csv", ".tsv", ".txt")
_COMPRESSED_SUFFIXES = (".gz", ".zip")
_TSV_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "0": "\0", "\\": "\\", "b": "\b", "Z": "\x1a"}


class SourceKind(StrEnum):
    CSV = "CSV"
    MYSQL_DUMP = "MySQL dump"
    POSTGRESQL_DUMP = "PostgreSQL dump"


@dataclass(frozen=True, slots=True)
class TableRow:
    table: str
    source: str  # the file's name, for the report
    line: int  # where the row starts in that file
    values: Mapping[str, str | None]


@dataclass(frozen=True)
class Source:
    path: Path
    kind: SourceKind
    table: str | None = None  # a CSV file's table

    def describe(self) -> str:
        return f"{self.path.name} ({self.kind.value}{f' of {self.table}' if self.table else ''})"


def csv_table_name(path: Path) -> str | None:
    """The table a CSV file holds, from its name (``users_field_data.csv.gz`` → users_field_data)."""
    name = path.name
    for suffix in _COMPRESSED_SUFFIXES:
        name = name.removesuffix(suffix)
    for suffix in _CSV_SUFFIXES:
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return None


def sources(paths: Iterable[Path]) -> list[Source]:
    """What each path is: a dump, a CSV table, or a directory of CSV tables."""
    found: list[Source] = []
    for path in paths:
        if path.is_dir():
            tables = sorted(p for p in path.iterdir() if p.is_file() and csv_table_name(p) is not None)
            if not tables:
                raise SourceFileError(f"{path}: no CSV file (*.csv, *.tsv) in this directory")
            found += [Source(p, SourceKind.CSV, csv_table_name(p)) for p in tables]
        elif (table := csv_table_name(path)) is not None:
            found.append(Source(path, SourceKind.CSV, table))
        else:
            with open_text_lines(path) as head:
                dialect = detect_dialect(text for number, text in head if number <= 200)
            if dialect is None:
                raise SourceFileError(
                    f"{path.name}: neither a CSV file (named after its table, e.g. users.csv) nor a MySQL or "
                    f"PostgreSQL dump"
                )
            kind = SourceKind.MYSQL_DUMP if dialect is Dialect.MYSQL else SourceKind.POSTGRESQL_DUMP
            found.append(Source(path, kind))
    return found


def read_tables(
    found: Iterable[Source], wanted: set[str], on_lines: Callable[[int], None] | None = None
) -> Iterator[TableRow]:
    """The rows of the ``wanted`` tables in every source, source after source."""
    for source in found:
        if source.kind is SourceKind.CSV:
            assert source.table is not None
            if source.table not in wanted:
                raise SourceFileError(
                    f"{source.path.name}: table {source.table} is none of those the import reads "
                    f"({', '.join(sorted(wanted))}); is the RPPS field or the table prefix named otherwise?"
                )
            yield from _csv_rows(source.path, source.table, on_lines)
        else:
            dialect = Dialect.MYSQL if source.kind is SourceKind.MYSQL_DUMP else Dialect.POSTGRESQL
            for row in read_dump(source.path, wanted, dialect=dialect, stats=DumpStats(), on_lines=on_lines):
                yield TableRow(row.table, source.path.name, row.line, row.values)


def _csv_rows(path: Path, table: str, on_lines: Callable[[int], None] | None) -> Iterator[TableRow]:
    with open_text_lines(path) as lines:
        records = _records(path, iter(lines), on_lines)
        _, header_fields = next(records, (0, []))
        header = [name.strip().strip('"').strip("`") for name in header_fields]
        if len(header) < 2:
            raise SourceFileError(f"{path.name}: the first line must name the columns, separated by , ; or tab")
        for line, fields in records:
            if not any(field.strip() for field in fields):
                continue
            if len(fields) != len(header):
                raise SourceFileError(f"{path.name}, line {line}: {len(fields)} fields for {len(header)} columns")
            values = {name: (None if value in _NULLS else value) for name, value in zip(header, fields, strict=True)}
            yield TableRow(table, path.name, line, values)


def _records(
    path: Path, lines: Iterator[tuple[int, str]], on_lines: Callable[[int], None] | None
) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, fields); the delimiter is the header line's most frequent one."""
    first = next(lines, None)
    if first is None:
        return
    delimiter = max(("\t", ";", ","), key=first[1].count)
    last = [first[0]]

    def texts() -> Iterator[str]:
        yield first[1]
        for number, text in lines:
            last[0] = number
            if on_lines is not None:
                on_lines(1)
            yield text

    if delimiter == "\t":
        for text in texts():
            yield last[0], _tsv_fields(text)
        return
    reader = csv.reader(texts(), delimiter=delimiter, quotechar='"', strict=True)
    start = first[0]
    try:
        for fields in reader:
            yield start, fields
            start = last[0] + 1
    except csv.Error as error:
        raise SourceFileError(f"{path.name}, line {last[0]}: {error}") from None


def _tsv_fields(text: str) -> list[str]:
    """A line of ``mysql --batch``: tabs between fields, backslash escapes inside them."""
    fields = text.rstrip("\r\n").split("\t")
    return [re.sub(r"\\(.)", lambda m: _TSV_ESCAPES.get(m.group(1), m.group(1)), field) for field in fields]

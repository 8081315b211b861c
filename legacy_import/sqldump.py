"""Read table rows out of a MySQL/MariaDB or PostgreSQL dump, without a database.

The dump is streamed statement by statement; only the tables asked for are parsed, every other
statement (schema, other tables, settings) is skipped whatever its quotes and comments. Rows come
from ``INSERT INTO`` statements (extended or one per row, with or without a column list) and, in
PostgreSQL dumps, from ``COPY … FROM stdin`` blocks (pg_dump's default). An INSERT without a
column list takes its columns from the table's ``CREATE TABLE`` earlier in the dump.

Dialects differ in their quoting: MySQL strings use backslash escapes, PostgreSQL strings
(standard_conforming_strings on, as pg_dump writes them) double their quotes, with backslash
escapes only in ``E'…'``; identifiers are quoted with backticks (MySQL) or double quotes
(PostgreSQL), and PostgreSQL function bodies use dollar quotes. The dialect is recognised from
the dump's header, or from its first quoted identifier.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ordinal_sync.textfile import SourceFileError, open_text_lines


class Dialect(StrEnum):
    MYSQL = "mysql"
    POSTGRESQL = "postgresql"


class DumpError(SourceFileError):
    """A statement of a wanted table cannot be read; the message names file and line."""


@dataclass(frozen=True, slots=True)
class DumpRow:
    table: str  # unquoted, without schema
    line: int  # where the row's values start
    values: dict[str, str | None]  # column → text as the dump gives it (numbers as written), NULL → None


# --- statements -------------------------------------------------------------------------------------


@dataclass
class _Statement:
    line: int
    text: str


# The next character that can change what a ';' means.
_SPECIAL = {
    Dialect.MYSQL: re.compile(r"[;'\"`#/-]"),
    Dialect.POSTGRESQL: re.compile(r"[;'\"$/-]"),
}
# The rest of a quoted text up to its closing quote, from just after the opening one.
_BACKSLASH_QUOTED = {q: re.compile(rf"[^{q}\\]*(?:\\.[^{q}\\]*)*{q}", re.S) for q in ("'", '"', "`")}
_PLAIN_QUOTED = {q: re.compile(rf"[^{q}]*{q}") for q in ("'", '"', "`")}
_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$")


class _Splitter:
    """Cuts the dump's text into statements; fed line by line, returns those each line ends."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self._special = _SPECIAL[dialect]
        self._buffer = ""
        self._start = 0  # line number of the buffer's first character
        self._pos = 0
        self._closing: str | None = None  # what ends the quote or comment we are in
        self._escapes = False  # backslash escapes inside the current quote
        self._begun = False  # the buffer holds more than blanks (kept as a flag: a statement can be megabytes)

    @property
    def idle(self) -> bool:
        """No statement begun: only blanks since the last one ended."""
        return self._closing is None and not self._begun

    def feed(self, line_number: int, text: str) -> list[_Statement]:
        if self.idle:
            self._buffer, self._start, self._pos = "", line_number, 0
        self._buffer += text
        self._begun = self._begun or not text.isspace()
        done: list[_Statement] = []
        while (end := self._scan()) is not None:
            statement = self._buffer[:end]
            lead = len(statement) - len(statement.lstrip())
            if statement.strip():
                done.append(_Statement(self._start + self._buffer.count("\n", 0, lead), statement.strip()))
            self._start += self._buffer.count("\n", 0, end + 1)
            self._buffer, self._pos = self._buffer[end + 1 :], 0
            self._begun = not self._buffer.isspace() and self._buffer != ""
        return done

    def _scan(self) -> int | None:
        """Index of the ';' ending the buffer's first statement, None when it goes on."""
        buffer = self._buffer
        while True:
            if self._closing is not None and not self._leave_quote():
                return None
            match = self._special.search(buffer, self._pos)
            if match is None:
                self._pos = len(buffer)
                return None
            char, at = match.group(), match.start()
            self._pos = at + 1
            if char == ";":
                return at
            if char in "'\"`":
                self._closing = char
                self._escapes = self.dialect is Dialect.MYSQL or (
                    char == "'" and at > 0 and buffer[at - 1] in "eE" and not _word_char(buffer, at - 2)
                )
            elif char == "$":
                tag = _DOLLAR_TAG.match(buffer, at)
                if tag and not _word_char(buffer, at - 1):
                    self._closing, self._escapes, self._pos = tag.group(), False, tag.end()
            elif (char == "-" and buffer.startswith("--", at)) or char == "#":
                self._closing, self._escapes = "\n", False
            elif char == "/" and buffer.startswith("/*", at):
                self._closing, self._escapes, self._pos = "*/", False, at + 2

    def _leave_quote(self) -> bool:
        """Move past the current quote or comment; False when it goes on past the buffer."""
        closing = self._closing
        assert closing is not None
        if closing in ("'", '"', "`"):
            pattern = (_BACKSLASH_QUOTED if self._escapes else _PLAIN_QUOTED)[closing]
            while True:
                match = pattern.match(self._buffer, self._pos)
                if match is None:
                    return False
                self._pos = match.end()
                # A doubled quote is a quote inside the text: go on to the next one.
                if not self._buffer.startswith(closing, self._pos):
                    break
                self._pos += 1
        else:
            end = self._buffer.find(closing, self._pos)
            if end < 0:
                return False
            self._pos = end + len(closing)
        self._closing = None
        return True


def _word_char(text: str, index: int) -> bool:
    return index >= 0 and (text[index].isalnum() or text[index] == "_")


# --- values -----------------------------------------------------------------------------------------

_MYSQL_ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a", "%": "\\%", "_": "\\_"}
_C_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}

_VALUE_TOKEN = {
    Dialect.MYSQL: re.compile(
        r"""\s*(?:
            (?P<open>\()|(?P<close>\))|(?P<comma>,)
          | (?:_[a-z0-9]+\s*)?'(?P<string>[^'\\]*(?:(?:\\.|'')[^'\\]*)*)'
          | (?P<hex>0x[0-9A-Fa-f]*|[xX]'[0-9A-Fa-f]*')
          | (?P<bits>[bB]'[01]*')
          | (?P<word>[-+]?[A-Za-z0-9_.+-]+)
        )""",
        re.X | re.S,
    ),
    Dialect.POSTGRESQL: re.compile(
        r"""\s*(?:
            (?P<open>\()|(?P<close>\))|(?P<comma>,)
          | [eE]'(?P<estring>[^'\\]*(?:(?:\\.|'')[^'\\]*)*)'
          | '(?P<string>[^']*(?:''[^']*)*)'
          | (?P<word>[-+]?[A-Za-z0-9_.+-]+)
        )(?:::[A-Za-z_][A-Za-z_0-9]*(?:\s+varying)?(?:\[\])?)*""",
        re.X | re.S,
    ),
}


def _unescape_mysql(text: str) -> str:
    text = text.replace("''", "'")
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", lambda m: _MYSQL_ESCAPES.get(m.group(1), m.group(1)), text, flags=re.S)


def _unescape_c(text: str) -> str:
    """PostgreSQL E'…' strings and COPY data: C-like escapes, octal and hex bytes."""

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "01234567":
            return chr(int(code, 8))
        if code[0] == "x":
            return chr(int(code[1:], 16))
        return _C_ESCAPES.get(code, code)

    return re.sub(r"\\([0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)", one, text, flags=re.S)


def _literal(match: re.Match[str], dialect: Dialect) -> str | None:
    kind = match.lastgroup
    text = match.group(kind or 0)
    if kind == "string":
        return _unescape_mysql(text) if dialect is Dialect.MYSQL else text.replace("''", "'")
    if kind == "word":
        return None if text.upper() == "NULL" else text
    if kind == "estring":
        return _unescape_c(text.replace("''", "'"))
    if kind == "hex":
        digits = text[2:] if text.startswith("0x") else text[2:-1]
        return bytes.fromhex(digits).decode("utf-8", errors="replace")
    bits = text[2:-1]  # b'0101'
    return str(int(bits, 2)) if bits else "0"


def _rows(text: str, start: int, dialect: Dialect, where: str) -> Iterator[tuple[int, list[str | None]]]:
    """The tuples of a VALUES list beginning at ``start``: (offset of the tuple, values)."""
    pattern = _VALUE_TOKEN[dialect]
    pos = start
    length = len(text.rstrip().rstrip(";").rstrip())
    while pos < length:
        match = pattern.match(text, pos)
        if match is None or match.lastgroup != "open":
            raise DumpError(f"{where}: expected '(' at character {pos}")
        tuple_start, pos = match.start("open"), match.end()
        values: list[str | None] = []
        while True:
            match = pattern.match(text, pos)
            if match is None or match.lastgroup in ("open", "close", "comma"):
                if match is not None and match.lastgroup == "close" and not values:
                    pos = match.end()
                    break
                raise DumpError(f"{where}: unreadable value at character {pos}")
            values.append(_literal(match, dialect))
            pos = match.end()
            match = pattern.match(text, pos)
            if match is None or match.lastgroup not in ("comma", "close"):
                raise DumpError(f"{where}: expected ',' or ')' at character {pos}")
            pos = match.end()
            if match.lastgroup == "close":
                break
        yield tuple_start, values
        match = pattern.match(text, pos)
        if match is not None and match.lastgroup == "comma":
            pos = match.end()
        elif pos < length:
            raise DumpError(f"{where}: expected ',' between rows at character {pos}")


# --- statements we read -----------------------------------------------------------------------------

_IDENT = r"(?:`(?:[^`]|``)+`|\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z_0-9$]*)"
_QUALIFIED = rf"{_IDENT}(?:\s*\.\s*{_IDENT})*"
_INSERT = re.compile(
    rf"(?:INSERT(?:\s+IGNORE)?|REPLACE)\s+INTO\s+(?P<table>{_QUALIFIED})\s*(?:\((?P<columns>[^)]*)\)\s*)?VALUES\s*",
    re.I | re.S,
)
_CREATE = re.compile(rf"CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?P<table>{_QUALIFIED})\s*\(", re.I)
_COPY = re.compile(rf"COPY\s+(?P<table>{_QUALIFIED})\s*\((?P<columns>[^)]*)\)\s+FROM\s+stdin", re.I | re.S)
_CONSTRAINT_WORDS = {
    "PRIMARY", "KEY", "UNIQUE", "INDEX", "CONSTRAINT", "FOREIGN", "FULLTEXT", "SPATIAL", "CHECK", "EXCLUDE", "LIKE",
}  # fmt: skip


def _unquote(identifier: str) -> str:
    identifier = identifier.strip()
    if identifier[:1] == "`":
        return identifier[1:-1].replace("``", "`")
    if identifier[:1] == '"':
        return identifier[1:-1].replace('""', '"')
    return identifier


def _table_name(qualified: str) -> str:
    """The table without its schema: ``public.users`` and `` `users` `` are ``users``."""
    parts = re.findall(_IDENT, qualified)
    return _unquote(parts[-1])


def _column_list(text: str) -> list[str]:
    return [_unquote(name) for name in re.findall(_IDENT, text)]


def _created_columns(statement: str, body_start: int) -> list[str]:
    """Column names of a CREATE TABLE: the first identifier of each top-level item."""
    columns: list[str] = []
    depth, item_start = 0, body_start
    quote: str | None = None
    escaped = False
    for index in range(body_start, len(statement)):
        char = statement[index]
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == "'":
                escaped = True
            elif char == quote:
                quote = None
            continue
        if char in "'\"`":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
        elif (char == "," and depth == 0) or (char == ")" and depth == 0):
            item = statement[item_start:index].strip()
            first = re.match(_IDENT, item)
            if first and first.group().upper() not in _CONSTRAINT_WORDS:
                columns.append(_unquote(first.group()))
            item_start = index + 1
            if char == ")":
                break
    return columns


# --- the reader -------------------------------------------------------------------------------------


@dataclass
class DumpStats:
    dialect: Dialect | None = None
    statements: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # per wanted table


def detect_dialect(lines: Iterable[str]) -> Dialect | None:
    """From the header comment pg_dump or mysqldump writes, else the first quoted identifier."""
    for text in lines:
        if "PostgreSQL database dump" in text or text.startswith("SET standard_conforming_strings"):
            return Dialect.POSTGRESQL
        if re.match(r"--\s*(MySQL|MariaDB) dump", text) or text.startswith("/*!"):
            return Dialect.MYSQL
        if re.match(r"\s*(INSERT|CREATE|COPY|REPLACE)\b", text, re.I):
            if "`" in text:
                return Dialect.MYSQL
            return Dialect.POSTGRESQL if '"' in text or text.upper().startswith("COPY") else None
    return None


def read_dump(
    path: str | Path,
    tables: Iterable[str],
    *,
    dialect: Dialect | None = None,
    stats: DumpStats | None = None,
    on_lines: Callable[[int], None] | None = None,
) -> Iterator[DumpRow]:
    """The rows of ``tables`` (names without schema) in dump order.

    Raises DumpError when a statement of a wanted table cannot be read, or when an INSERT
    without columns comes before the table's CREATE TABLE.
    """
    path = Path(path)
    wanted = set(tables)
    stats = stats if stats is not None else DumpStats()
    if dialect is None:
        with open_text_lines(path) as head:
            dialect = detect_dialect(text for number, text in head if number <= 200)
        if dialect is None:
            raise DumpError(f"{path.name}: not a MySQL or PostgreSQL dump (no dump header nor INSERT found)")
    stats.dialect = dialect
    columns: dict[str, list[str]] = {}
    splitter = _Splitter(dialect)
    copying: tuple[str, list[str]] | None = None  # table and columns of a COPY block being read
    with open_text_lines(path) as lines:
        for number, text in lines:
            if on_lines is not None:
                on_lines(1)
            if copying is not None:
                if text.rstrip("\r\n") == "\\.":
                    copying = None
                elif copying[0] in wanted:
                    yield _copy_row(copying, number, text, stats)
                continue
            # Full-line comments, psql meta-commands (pg_dump's \restrict, \connect) and INSERTs of
            # other tables that need no scanning are passed over.
            if splitter.idle and (text.startswith(("--", "\\")) or _skippable(dialect, text, wanted)):
                continue
            for statement in splitter.feed(number, text):
                stats.statements += 1
                copying = yield from _statement(statement, dialect, wanted, columns, stats, path.name)
    if not splitter.idle:
        raise DumpError(f"{path.name}: the dump ends inside a statement (truncated file?)")


def _skippable(dialect: Dialect, text: str, wanted: set[str]) -> bool:
    """A whole line that is one INSERT of a table we skip: mysqldump writes each INSERT on one line
    (it escapes newlines inside values), so such a line needs no scanning at all."""
    if dialect is not Dialect.MYSQL or not text.startswith("INSERT INTO `") or not text.rstrip().endswith(";"):
        return False
    end = text.find("`", 13)
    return end > 0 and text[13:end] not in wanted


def _statement(
    statement: _Statement,
    dialect: Dialect,
    wanted: set[str],
    columns: dict[str, list[str]],
    stats: DumpStats,
    file_name: str,
) -> Generator[DumpRow, None, tuple[str, list[str]] | None]:
    """Rows of one statement; returns (table, columns) when it opens a COPY block."""
    text = _without_leading_comments(statement.text)
    where = f"{file_name}, line {statement.line}"
    if match := _INSERT.match(text):
        table = _table_name(match.group("table"))
        if table not in wanted:
            return None
        names = _column_list(match.group("columns")) if match.group("columns") else columns.get(table)
        if names is None:
            raise DumpError(
                f"{where}: INSERT into {table} without a column list, and no CREATE TABLE {table} before it "
                f"(dump with the table definitions, or with --complete-insert / --column-inserts)"
            )
        line, counted = statement.line, 0
        for offset, values in _rows(text, match.end(), dialect, where):
            if len(values) != len(names):
                raise DumpError(f"{where}: a row of {table} has {len(values)} values for {len(names)} columns")
            stats.rows[table] = stats.rows.get(table, 0) + 1
            line, counted = line + text.count("\n", counted, offset), offset
            yield DumpRow(table, line, dict(zip(names, values, strict=True)))
    elif match := _CREATE.match(text):
        columns[_table_name(match.group("table"))] = _created_columns(text, match.end())
    elif match := _COPY.match(text):
        return _table_name(match.group("table")), _column_list(match.group("columns"))
    return None


def _without_leading_comments(text: str) -> str:
    while True:
        text = text.lstrip()
        if text.startswith(("--", "#")):
            end = text.find("\n")
            text = "" if end < 0 else text[end + 1 :]
        elif text.startswith("/*") and not text.startswith("/*!"):
            end = text.find("*/")
            text = "" if end < 0 else text[end + 2 :]
        else:
            return text


def _copy_row(copying: tuple[str, list[str]], number: int, text: str, stats: DumpStats) -> DumpRow:
    table, names = copying
    fields = text.rstrip("\r\n").split("\t")
    if len(fields) != len(names):
        raise DumpError(f"line {number}: a COPY row of {table} has {len(fields)} fields for {len(names)} columns")
    stats.rows[table] = stats.rows.get(table, 0) + 1
    values = [None if value == "\\N" else _unescape_c(value) for value in fields]
    return DumpRow(table, number, dict(zip(names, values, strict=True)))

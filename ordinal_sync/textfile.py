"""Stream the lines of a source file, zipped, gzipped or not, in UTF-8 or a legacy 8-bit encoding.

Encoding is decided line by line instead of by sniffing a sample: a Latin-1 extraction
may stay pure ASCII for its first hundred thousand lines, so a sample proves nothing.
Each line is decoded as UTF-8 and, when it is not valid UTF-8, as cp1252 (a superset of
Latin-1's printable characters: it also knows ``œ`` and ``€``), with plain Latin-1 for
the few bytes cp1252 leaves undefined. A Latin-1 line is in practice never valid UTF-8
(an accented byte followed by a letter cannot be), so a legacy file reads right, and a
UTF-8 file with one corrupted line loses only that line's accents, not the rest of the
file's. The legacy lines are counted for the report.
"""

from __future__ import annotations

import gzip
import itertools
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, cast

_UTF8_BOM = b"\xef\xbb\xbf"
_GZIP_MAGIC = b"\x1f\x8b"


class SourceFileError(Exception):
    """The file cannot be read as a source (missing, empty, unusable archive…)."""


class TextLines:
    """Iterates ``(line_number, text)`` over a binary stream, line numbers starting at 1.

    ``text`` keeps its line ending (the csv module needs it inside quoted fields).
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.legacy_lines = 0  # lines that were not UTF-8, decoded as cp1252
        self.legacy_from_line: int | None = None  # the first of them

    @property
    def encoding(self) -> str:
        return "cp1252" if self.legacy_lines else "utf-8"

    def __iter__(self) -> Iterator[tuple[int, str]]:
        for number, raw in self.raw():
            yield number, self.decode(number, raw)

    def raw(self) -> Iterator[tuple[int, bytes]]:
        """The undecoded lines (BOM removed): a reader may skip lines without decoding them.

        C iterators end to end (a million lines, read twice by a sync): no generator frame per line.
        """
        lines = iter(self._stream)
        first = next(lines, None)
        if first is None:
            return iter(())
        return itertools.chain(((1, first.removeprefix(_UTF8_BOM)),), enumerate(lines, start=2))

    def decode(self, number: int, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.legacy_lines += 1
            if self.legacy_from_line is None:
                self.legacy_from_line = number
            return _decode_legacy(raw)


def _decode_legacy(raw: bytes) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


@contextmanager
def open_text_lines(path: str | Path) -> Iterator[TextLines]:
    """Open ``path`` (a text file, a gzipped one, or a zip holding exactly one) as TextLines."""
    with ExitStack() as stack:
        yield TextLines(_open_binary(Path(path), stack))


def _open_binary(path: Path, stack: ExitStack) -> IO[bytes]:
    try:
        if zipfile.is_zipfile(path):
            archive = stack.enter_context(zipfile.ZipFile(path))
            return stack.enter_context(archive.open(_single_member(archive)))
        stream = stack.enter_context(path.open("rb"))
        if stream.read(2) == _GZIP_MAGIC:
            stream.seek(0)
            unzipped = gzip.GzipFile(fileobj=stream)
            stack.callback(unzipped.close)
            return cast(IO[bytes], unzipped)
        stream.seek(0)
        return stream
    except (OSError, zipfile.BadZipFile) as error:
        raise SourceFileError(f"cannot read {path}: {error}") from error


def _single_member(archive: zipfile.ZipFile) -> str:
    # Archives made on macOS carry __MACOSX/ shadows; hidden files are never data.
    members = [
        info.filename
        for info in archive.infolist()
        if not info.is_dir()
        and not info.filename.startswith("__MACOSX/")
        and not Path(info.filename).name.startswith(".")
    ]
    if len(members) != 1:
        found = ", ".join(members) or "nothing"
        raise SourceFileError(f"{archive.filename}: expected exactly one file in the zip, found {found}")
    return members[0]

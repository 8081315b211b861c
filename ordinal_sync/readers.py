"""Read the two source layouts line by line, without interpreting the values.

The layout is recognised from the header (formats/rpps-extraction.md). Columns are found
by name rather than position, so a header whose names differ only in accents, case or
apostrophe style, or a future extraction with extra columns, still reads correctly.

The extraction reader keeps only RPPS lines (``Type d'identifiant PP`` 8) of doctors
(``Code profession`` 10); everything else is counted and skipped.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Container, Iterator
from contextlib import contextmanager
from enum import StrEnum
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from ordinal_sync.textfile import SourceFileError, TextLines, open_text_lines


class Layout(StrEnum):
    EXTRACTION = "extraction"  # national RPPS extraction, "Personne activité"
    ORDINAL_CSV = "ordinal_csv"


EXTRACTION_COLUMNS: tuple[str, ...] = (
    "Type d'identifiant PP", "Identifiant PP", "Identification nationale PP", "Nom de famille",
    "Prénoms", "Date de naissance", "Code commune de naissance", "Code pays de naissance",
    "Lieu de naissance", "Code sexe", "Téléphone (coord. correspondance)",
    "Adresse e-mail (coord. correspondance)", "Code civilité", "Code profession",
    "Code catégorie professionnelle", "Code civilité d'exercice", "Nom d'exercice",
    "Prénom d'exercice", "Code type savoir-faire", "Code savoir-faire", "Code mode exercice",
    "Code secteur d'activité", "Code section tableau pharmaciens", "Code rôle",
    "Numéro SIRET site", "Numéro SIREN site", "Numéro FINESS site",
    "Numéro FINESS établissement juridique", "Identifiant technique de la structure",
    "Raison sociale site", "Enseigne commerciale site",
    "Complément destinataire (coord. structure)",
    "Complément point géographique (coord. structure)", "Numéro Voie (coord. structure)",
    "Indice répétition voie (coord. structure)", "Code type de voie (coord. structure)",
    "Libellé Voie (coord. structure)", "Mention distribution (coord. structure)",
    "Bureau cedex (coord. structure)", "Code postal (coord. structure)",
    "Code commune (coord. structure)", "Code pays (coord. structure)",
    "Téléphone (coord. structure)", "Téléphone 2 (coord. structure)",
    "Télécopie (coord. structure)", "Adresse e-mail (coord. structure)",
    "Code département (coord. structure)", "Ancien identifiant de la structure",
    "Autorité d'enregistrement",
)  # fmt: skip

CSV_COLUMNS: tuple[str, ...] = (
    "rpps", "date_naissance", "civilite", "nom", "prenom", "telephone_mobile",
    "email_correspondance", "statut", "conseil_departemental",
)  # fmt: skip


class ExtractionRow(NamedTuple):
    """The extraction columns the sync uses, raw (unstripped) as read."""

    rpps: str
    birth_last_name: str
    given_names: str
    birth_date: str
    phone: str
    email: str
    civility: str
    category: str
    practice_last_name: str
    practice_first_name: str
    department: str


_EXTRACTION_SOURCE_COLUMNS = ExtractionRow(
    rpps="Identifiant PP",
    birth_last_name="Nom de famille",
    given_names="Prénoms",
    birth_date="Date de naissance",
    phone="Téléphone (coord. correspondance)",
    email="Adresse e-mail (coord. correspondance)",
    civility="Code civilité",
    category="Code catégorie professionnelle",
    practice_last_name="Nom d'exercice",
    practice_first_name="Prénom d'exercice",
    department="Code département (coord. structure)",
)
_ID_TYPE_COLUMN = "Type d'identifiant PP"
_PROFESSION_COLUMN = "Code profession"
RPPS_ID_TYPE = "8"
DOCTOR_PROFESSION = "10"
_RPPS_ID_TYPE = RPPS_ID_TYPE.encode()
_DOCTOR_PROFESSION = DOCTOR_PROFESSION.encode()


class CsvRow(NamedTuple):
    """One Ordinal CSV record, raw as read."""

    rpps: str
    birth_date: str
    civility: str
    last_name: str
    first_name: str
    mobile_phone: str
    email: str
    status: str
    council: str


class SourceLine(NamedTuple):
    """One kept line (extraction) or record (CSV) of a source file (a tuple: a million are made).

    ``key`` is the RPPS with all whitespace removed, the key lines are grouped on; empty
    when the line has no RPPS or could not be split, and such lines are never grouped.
    ``fields`` are the values of an ExtractionRow or CsvRow; ``problem`` says, in French for
    the report, why the line could not be split into them (``fields`` is then empty).
    """

    line_no: int
    key: str
    fields: tuple[str, ...]
    problem: str | None = None


class UnknownLayoutError(SourceFileError):
    """The header is neither the RPPS extraction's nor the Ordinal CSV's."""


class SourceReader:
    """Iterates the SourceLines of one open source file; counts what it read."""

    def __init__(self, text: TextLines, path: Path) -> None:
        self._text = text
        self._raw = text.raw()
        header = next(self._raw, None)
        if header is None:
            raise UnknownLayoutError(f"{path}: the file is empty")
        self.layout, self._columns, self._width = _detect_layout(text.decode(*header).rstrip("\r\n"), path)
        self.lines_read = 1  # physical lines, header included
        self.skipped_lines = 0  # extraction lines of other professions or registries

    @property
    def encoding(self) -> str:
        return self._text.encoding

    @property
    def legacy_lines(self) -> int:
        """Lines that were not valid UTF-8, read as cp1252."""
        return self._text.legacy_lines

    @property
    def legacy_from_line(self) -> int | None:
        return self._text.legacy_from_line

    def __iter__(self) -> Iterator[SourceLine]:
        return self.lines()

    def lines(
        self, wanted: Container[int | str] | None = None, loose: Container[int] = frozenset()
    ) -> Iterator[SourceLine]:
        """The kept lines. With ``wanted`` (the second pass of grouping.py), an extraction line
        whose RPPS column holds 11 ASCII digits not in ``wanted`` is skipped undecoded, unless its
        number is in ``loose``: the lines the first pass read as unsplittable (records of their
        own, whatever their RPPS column seems to say)."""
        if self.layout is Layout.EXTRACTION:
            return self._extraction_lines(wanted, loose)
        return self._csv_lines()

    def _extraction_lines(self, wanted: Container[int | str] | None, loose: Container[int]) -> Iterator[SourceLine]:
        width = self._width
        used = [self._columns[_normalised(name)] for name in _EXTRACTION_SOURCE_COLUMNS]
        pick = itemgetter(*used)
        id_type = self._columns[_normalised(_ID_TYPE_COLUMN)]
        profession = self._columns[_normalised(_PROFESSION_COLUMN)]
        rpps = used[0]
        leading = max(id_type, profession, rpps) + 1
        decode = self._text.decode
        number = skipped = 0
        try:
            for number, raw in self._raw:
                # Most lines are told apart without being decoded: "|" is one byte in UTF-8 and
                # cp1252 alike, and ASCII letters and digits decode to themselves.
                if wanted is not None:
                    head = raw.split(b"|", rpps + 1)
                    value = head[rpps] if len(head) > rpps else b""
                    if len(value) == 11 and value.isdigit() and int(value) not in wanted and number not in loose:
                        continue
                # A line that would not split into ``width`` fields goes the long way: its
                # rejection counts.
                if (pipes := raw.count(b"|")) == width - 1 or (pipes == width and raw.rstrip(b"\r\n").endswith(b"|")):
                    head = raw.split(b"|", leading)
                    kind, job = head[id_type], head[profession]
                    if (kind.isalnum() and kind != _RPPS_ID_TYPE) or (job.isalnum() and job != _DOCTOR_PROFESSION):
                        skipped += 1
                        continue
                self.lines_read = number
                text = decode(number, raw).rstrip("\r\n")
                if not text.strip():
                    continue
                parts = text.split("|")
                if len(parts) == width + 1 and parts[-1] == "":
                    parts.pop()  # every line ends with a trailing "|"
                if len(parts) != width:
                    found = len(parts) - text.endswith("|")
                    yield SourceLine(number, "", (), f"{found} champs au lieu de {width}")
                    continue
                field_kind, field_job = parts[id_type], parts[profession]
                if (field_kind != RPPS_ID_TYPE and field_kind.strip() != RPPS_ID_TYPE) or (
                    field_job != DOCTOR_PROFESSION and field_job.strip() != DOCTOR_PROFESSION
                ):
                    skipped += 1
                    continue
                fields: tuple[str, ...] = pick(parts)
                yield SourceLine(number, "".join(fields[0].split()), fields)
        finally:
            self.lines_read = max(self.lines_read, number)
            self.skipped_lines += skipped

    def _csv_lines(self) -> Iterator[SourceLine]:
        width = self._width
        used = [self._columns[_normalised(name)] for name in CSV_COLUMNS]
        reader = csv.reader(self._texts(), delimiter=";")
        last_line = 1
        while True:
            first_line = last_line + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                last_line = 1 + reader.line_num
                yield SourceLine(first_line, "", (), f"CSV illisible ({error})")
                continue
            last_line = 1 + reader.line_num  # the reader does not see the header line
            if not any(value.strip() for value in row):
                continue
            if len(row) != width:
                yield SourceLine(first_line, "", (), f"{len(row)} champs au lieu de {width}")
                continue
            fields = tuple(row[index] for index in used)
            yield SourceLine(first_line, "".join(fields[0].split()), fields)

    def _texts(self) -> Iterator[str]:
        decode = self._text.decode
        for number, raw in self._raw:
            self.lines_read = number
            yield decode(number, raw)


@contextmanager
def open_source(path: str | Path) -> Iterator[SourceReader]:
    """Open a source file (zipped or not), recognise its layout, and iterate its lines."""
    with open_text_lines(path) as text:
        yield SourceReader(text, Path(path))


def detect_layout(path: str | Path) -> Layout:
    """The file's layout from its header alone: fail fast, before any work on Keycloak."""
    with open_source(path) as reader:
        return reader.layout


def _detect_layout(header: str, path: Path) -> tuple[Layout, dict[str, int], int]:
    """Return the layout, the column index by normalised name, and the number of columns."""
    if "|" in header:
        names = header.split("|")
        if names[-1] == "":
            names.pop()
        columns = _index(names)
        if _normalised(_ID_TYPE_COLUMN) in columns:
            needed = [*_EXTRACTION_SOURCE_COLUMNS, _ID_TYPE_COLUMN, _PROFESSION_COLUMN]
            missing = [name for name in needed if _normalised(name) not in columns]
            if missing:
                raise UnknownLayoutError(f"{path}: RPPS extraction header without the column(s) {', '.join(missing)}")
            return Layout.EXTRACTION, columns, len(names)
    names = next(csv.reader([header], delimiter=";"), [])
    columns = _index(names)
    if all(_normalised(name) in columns for name in CSV_COLUMNS):
        return Layout.ORDINAL_CSV, columns, len(names)
    raise UnknownLayoutError(
        f"{path}: the header is neither the RPPS extraction's (pipe-separated, starting with "
        f"\"Type d'identifiant PP\") nor the Ordinal CSV's ({';'.join(CSV_COLUMNS)}); "
        f"it starts with {header[:80]!r}"
    )


def _index(names: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, name in enumerate(names):
        columns.setdefault(_normalised(name), position)
    return columns


def without_accents(text: str) -> str:
    """``Radié`` → ``Radie``: compatibility decomposition, combining marks dropped."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def _normalised(name: str) -> str:
    """Header name compared without accents, case, apostrophe style or extra spaces."""
    return " ".join(without_accents(name.replace("\u2019", "'")).casefold().split())

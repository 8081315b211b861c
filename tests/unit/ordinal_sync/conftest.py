"""Builders for small inline source files in both layouts."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ordinal_sync.readers import CSV_COLUMNS, EXTRACTION_COLUMNS
from tests.support.rpps import with_key

TODAY = date(2026, 1, 15)
#: Valid RPPS numbers, the same in every test.
RPPS = [with_key(f"10{n:08d}") for n in range(1, 41)]

# Short names for the extraction columns the tests set.
_EXTRACTION_SHORT = {
    "id_type": "Type d'identifiant PP",
    "rpps": "Identifiant PP",
    "last": "Nom de famille",
    "given": "Prénoms",
    "birth": "Date de naissance",
    "phone": "Téléphone (coord. correspondance)",
    "email": "Adresse e-mail (coord. correspondance)",
    "civility": "Code civilité",
    "profession": "Code profession",
    "category": "Code catégorie professionnelle",
    "practice_civility": "Code civilité d'exercice",
    "practice_last": "Nom d'exercice",
    "practice_first": "Prénom d'exercice",
    "department": "Code département (coord. structure)",
    "practice_phone": "Téléphone (coord. structure)",
}
_EXTRACTION_DEFAULTS = {
    "id_type": "8",
    "rpps": "10000000017",
    "last": "DUPONT",
    "given": "MARIE'ANNE'",
    "birth": "17/06/1975",
    "civility": "MME",
    "profession": "10",
    "category": "C",
    "practice_civility": "DR",
    "department": "75",
}

ExtractionLine = Callable[..., str]
WriteSource = Callable[..., Path]
CsvFile = Callable[[list[str]], Path]


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def extraction_header() -> str:
    return "|".join(EXTRACTION_COLUMNS) + "|"


@pytest.fixture
def csv_header() -> str:
    return ";".join(CSV_COLUMNS)


@pytest.fixture
def extraction_line() -> ExtractionLine:
    """``extraction_line(rpps=…, phone=…)``: one 49-column line with a trailing pipe."""

    def build(**values: str) -> str:
        row = [""] * len(EXTRACTION_COLUMNS)
        for short, value in (_EXTRACTION_DEFAULTS | values).items():
            row[EXTRACTION_COLUMNS.index(_EXTRACTION_SHORT[short])] = value
        return "|".join(row) + "|"

    return build


@pytest.fixture
def write_source(tmp_path: Path) -> WriteSource:
    """``write_source(lines, name=…, encoding=…, zipped=…, newline=…)`` → path of the file."""

    def write(
        lines: list[str],
        name: str = "source.txt",
        encoding: str = "utf-8",
        zipped: bool = False,
        newline: str = "\n",
    ) -> Path:
        data = "".join(line + newline for line in lines).encode(encoding)
        if not zipped:
            path = tmp_path / name
            path.write_bytes(data)
            return path
        path = tmp_path / (name + ".zip")
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(name, data)
        return path

    return write


def row(rpps: str, status: str = "inscrit", mobile: str = "06 12 34 56 78", email: str | None = None) -> str:
    """One Ordinal CSV line; `email` defaults to one of the doctor's own, "" leaves it out."""
    email = f"corr.{rpps}@exemple.fr" if email is None else email
    return f"{rpps};17/06/1980;MME;MARTIN;Claire;{mobile};{email};{status};75"


@pytest.fixture
def csv_file(write_source: WriteSource, csv_header: str) -> CsvFile:
    """``csv_file(rows)`` → ordinal.csv holding the header and `rows`."""

    def write(rows: list[str]) -> Path:
        return write_source([csv_header, *rows], name="ordinal.csv")

    return write

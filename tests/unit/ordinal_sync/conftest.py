"""Builders for small inline source files in both layouts."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ordinal_sync.readers import CSV_COLUMNS, EXTRACTION_COLUMNS

TODAY = date(2026, 1, 15)

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

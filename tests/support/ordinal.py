"""Ordinal CSV files as the Ordre exports them (ordinal_sync.readers.CSV_COLUMNS), one Row a doctor."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ordinal_sync.readers import CSV_COLUMNS


@dataclass
class Row:
    rpps: str
    birth: str = "17/06/1980"
    last: str = "MARTIN"
    first: str = "Claire"
    mobile: str = "06 12 34 56 78"
    email: str = ""
    status: str = "inscrit"
    council: str = "75"

    def line(self) -> str:
        email = self.email or f"corr.{self.rpps}@exemple.fr"
        return ";".join(
            [
                self.rpps,
                self.birth,
                "MME",
                self.last,
                self.first,
                self.mobile,
                email,
                self.status,
                self.council,
            ]
        )


def write_csv(path: Path, rows: list[Row]) -> Path:
    path.write_text(";".join(CSV_COLUMNS) + "\n" + "".join(row.line() + "\n" for row in rows), encoding="utf-8")
    return path

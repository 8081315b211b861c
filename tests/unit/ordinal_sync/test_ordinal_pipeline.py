"""Whole files through read_doctors: grouping of scattered lines, rejects and the report."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ordinal_sync.grouping import LineIndex, regroup
from ordinal_sync.model import Doctor, Issue, Severity
from ordinal_sync.pipeline import read_doctors
from ordinal_sync.readers import SourceLine
from ordinal_sync.report import JsonlReport
from ordinal_sync.textfile import SourceFileError


def _run(path: Path, today: date, tmp_path: Path) -> tuple[dict[str, Doctor], list[Issue], list[dict[str, Any]]]:
    report_path = tmp_path / "report.jsonl"
    with JsonlReport(report_path) as report:
        records = list(read_doctors(path, report, today=today))
        report.finish()
    doctors = {record.rpps: record for record in records if isinstance(record, Doctor)}
    rejects = [record for record in records if isinstance(record, Issue)]
    assert len(doctors) + len(rejects) == len(records)
    report_lines = [json.loads(line) for line in report_path.read_text(encoding="utf-8").splitlines()]
    return doctors, rejects, report_lines


LINES = [
    SourceLine(2, "A", ("a1",)),
    SourceLine(4, "B", ("b1",)),
    SourceLine(5, "", (), "unreadable"),
    SourceLine(6, "", ("no rpps",)),
    SourceLine(7, "A", ("a2",)),
    SourceLine(9, "B", ("b2",)),
]


def _groups(lines: list[SourceLine], index: LineIndex) -> list[list[tuple[int, tuple[str, ...]]]]:
    return [[(line.line_no, line.source_line().fields) for line in group.lines] for group in regroup(lines, index)]


def test_grouping_brings_scattered_lines_together_in_line_order_as_soon_as_the_last_is_read() -> None:
    index = LineIndex()
    index.add_all(LINES)
    assert (len(index), index.loose_lines, index.line_count("A")) == (2, 2, 2)
    assert _groups(LINES, index) == [
        [(5, ())],
        [(6, ("no rpps",))],
        [(2, ("a1",)), (7, ("a2",))],
        [(4, ("b1",)), (9, ("b2",))],
    ]
    assert len(index) == 0, "each record leaves the index once handed out"


def test_the_raw_digest_follows_the_lines_and_their_order() -> None:
    def digest(lines: list[SourceLine]) -> bytes:
        index = LineIndex()
        index.add_all(lines)
        return index.digest("A")

    a1, a2 = SourceLine(2, "A", ("a1", "")), SourceLine(7, "A", ("a2", ""))
    assert digest([a1, a2]) == digest([SourceLine(20, "A", ("a1", "")), SourceLine(70, "A", ("a2", ""))])
    assert digest([a1, a2]) != digest([a2, a1]), "the first non-empty value wins: order matters"
    assert digest([a1, a2]) != digest([a1, SourceLine(7, "A", ("a2", "x"))])
    assert digest([a1]) != digest([SourceLine(2, "A", ("a", "1"))]), "field boundaries count"


def test_a_discarded_record_is_not_read_again() -> None:
    index = LineIndex()
    index.add_all(LINES)
    index.discard("B")
    assert _groups(LINES, index) == [[(5, ())], [(6, ("no rpps",))], [(2, ("a1",)), (7, ("a2",))]]


@pytest.mark.parametrize(
    "second_pass",
    [
        [*LINES[:4], SourceLine(7, "A", ("a2 changed",)), LINES[5]],  # a line changed
        LINES[:5],  # the file was cut short
    ],
)
def test_a_file_changed_between_the_passes_fails_instead_of_mixing_versions(second_pass: list[SourceLine]) -> None:
    index = LineIndex()
    index.add_all(LINES)
    with pytest.raises(SourceFileError, match="changed while it was being read"):
        _groups(second_pass, index)


def test_extraction_end_to_end(
    extraction_header: str,
    extraction_line: Callable[..., str],
    write_source: Callable[..., Path],
    today: date,
    tmp_path: Path,
) -> None:
    martin = {"rpps": "10000000017", "practice_last": "MARTIN"}
    path = write_source(
        [
            extraction_header,
            extraction_line(**martin, department=""),  # 2: no contact details on this activity
            extraction_line(rpps="10000000025", category="E", phone="02.51.41.42.83", given="SOUZANE''", civility="M"),
            extraction_line(rpps="20000000011", profession="40"),  # 4: dentist, skipped
            extraction_line(**martin, phone="0652112846", email="TJOANNA03@GMAIL.COM", department="974"),  # 5
            extraction_line(rpps="10000000033", phone="41.43.60.87", email="x@orange", practice_first="DIANE"),
            extraction_line(id_type="0", rpps="751234567"),  # 7: ADELI line, skipped
            extraction_line(**martin, phone="06 81 40 94 11", email="tjoanna03@gmail.com", department="75"),  # 8
            extraction_line(rpps="10000000018"),  # 9: bad Luhn key
            extraction_line(rpps="10000000041", birth="31/02/1980"),  # 10
            "8|10000000058|garbage|",  # 11
            extraction_line(rpps=""),  # 12
            extraction_line(rpps="10000000041", birth="31/02/1980"),  # 13: same bad record, second activity
            extraction_line(rpps="10 00 00 00 066", phone="+262639671915", given="", practice_first=""),  # 14
        ]
    )
    doctors, rejects, report = _run(path, today, tmp_path)

    assert doctors["10000000017"] == Doctor(
        rpps="10000000017",
        birth_date="1975-06-17",
        last_name="MARTIN",
        first_name="MARIE",
        civility="MME",
        mobile_phone="+33652112846",
        landline_phone=None,
        correspondence_email="tjoanna03@gmail.com",
        council="974",
        status=None,
        status_on_create="inscrit",
        birth_last_name="DUPONT",
        given_names="MARIE ANNE",
    )
    intern = doctors["10000000025"]
    assert (intern.status, intern.status_on_create) == (None, "interne")
    assert (intern.mobile_phone, intern.landline_phone) == (None, "+33251414283")
    assert (intern.first_name, intern.given_names, intern.civility) == ("SOUZANE", "SOUZANE", "M")
    no_contact = doctors["10000000033"]
    assert (no_contact.mobile_phone, no_contact.landline_phone, no_contact.correspondence_email) == (
        None,
        None,
        None,
    )
    assert (no_contact.first_name, no_contact.last_name) == ("DIANE", "DUPONT")
    overseas = doctors["10000000066"]
    assert (overseas.mobile_phone, overseas.first_name, overseas.given_names) == ("+262639671915", "", "")
    assert set(doctors) == {"10000000017", "10000000025", "10000000033", "10000000066"}

    assert sorted((issue.code, issue.lines, issue.rpps) for issue in rejects) == [
        ("birth_date_invalid", (10, 13), "10000000041"),
        ("malformed_line", (11,), None),
        ("rpps_checksum", (9,), None),
        ("rpps_missing", (12,), None),
    ]
    assert all(issue.severity is Severity.REJECT for issue in rejects)

    warnings = sorted((line["code"], line["rpps"], line["field"]) for line in report if line["type"] == "warning")
    assert warnings == [
        ("conflicting_values", "10000000017", "phone"),
        ("email_invalid", "10000000033", "email"),
        ("phone_invalid", "10000000033", "phone"),
    ]
    conflict = next(line for line in report if line["code"] == "conflicting_values")
    assert conflict["lines"] == [2, 5, 8]
    assert conflict["value"] == "0652112846"
    assert "06 81 40 94 11" in conflict["message"]
    bad_phone = next(line for line in report if line["code"] == "phone_invalid")
    assert bad_phone == {
        "type": "warning",
        "code": "phone_invalid",
        "message": "numéro de téléphone invalide, ignoré",
        "lines": [6],
        "rpps": "10000000033",
        "field": "phone",
        "value": "41.43.60.87",
    }
    summary = report[-1]
    assert summary == {
        "type": "summary",
        "completed": True,
        "rejected": 4,
        "warnings": 3,
        "by_code": {
            "birth_date_invalid": 1,
            "conflicting_values": 1,
            "email_invalid": 1,
            "malformed_line": 1,
            "phone_invalid": 1,
            "rpps_checksum": 1,
            "rpps_missing": 1,
        },
        "source": str(path),
        "layout": "extraction",
        "encoding": "utf-8",
        "non_utf8_lines": 0,
        "lines_read": 14,
        "skipped_lines": 2,
        "records": 8,
        "doctors": 4,
        "normalised": 8,
    }


def test_ordinal_csv_end_to_end(
    csv_header: str, write_source: Callable[..., Path], today: date, tmp_path: Path
) -> None:
    path = write_source(
        [
            csv_header,
            "10000000017;17/06/1975;MME;Dupont;Marie;0475678099;TJOANNA03@GMAIL.COM;inscrit;2a",
            "10000000025;01/02/1990;M;Durand;Luc;+262639671915;;Radié;974",
            "10000000033;01/02/1990;M;Petit;Jean;;;retraite;75",
            "10000000041;01/02/1990;M;Simon;Paul;;;inscrit;75",
            '10000000058;01/02/1990;M;"O\'NEILL";Ann;41.43.60.87;;suspendu;13',
            "10000000041;01/02/1990;M;Simon;Paul;0652112846;;inscrit;75",
            "10000000066;;M;Roux;Léa;;;inscrit;75",
        ]
    )
    doctors, rejects, report = _run(path, today, tmp_path)

    assert doctors["10000000017"] == Doctor(
        rpps="10000000017",
        birth_date="1975-06-17",
        last_name="Dupont",
        first_name="Marie",
        civility="MME",
        mobile_phone=None,
        landline_phone="+33475678099",  # typed in telephone_mobile, still a landline
        correspondence_email="tjoanna03@gmail.com",
        council="2A",
        status="inscrit",
        status_on_create="inscrit",
        birth_last_name=None,
        given_names=None,
    )
    assert (doctors["10000000025"].status, doctors["10000000025"].mobile_phone) == ("radie", "+262639671915")
    assert (doctors["10000000058"].last_name, doctors["10000000058"].mobile_phone) == ("O'NEILL", None)
    assert set(doctors) == {"10000000017", "10000000025", "10000000058"}
    assert sorted((issue.code, issue.lines, issue.rpps, issue.value) for issue in rejects) == [
        ("birth_date_missing", (8,), "10000000066", ""),
        ("duplicate_rpps", (5, 7), "10000000041", "10000000041"),
        ("status_unknown", (4,), "10000000033", "retraite"),
    ]
    assert [line["code"] for line in report if line["type"] == "warning"] == ["phone_invalid"]
    assert (report[-1]["records"], report[-1]["doctors"], report[-1]["rejected"]) == (6, 3, 3)


def test_latin1_zip_end_to_end_warns_about_the_encoding(
    extraction_header: str,
    extraction_line: Callable[..., str],
    write_source: Callable[..., Path],
    today: date,
    tmp_path: Path,
) -> None:
    path = write_source(
        [extraction_header, extraction_line(last="LEFÈBVRE", given="HÉLÈNE'")],
        encoding="latin-1",
        zipped=True,
    )
    doctors, _, report = _run(path, today, tmp_path)
    assert (doctors["10000000017"].last_name, doctors["10000000017"].first_name) == ("LEFÈBVRE", "HÉLÈNE")
    assert [(line["code"], line["lines"]) for line in report if line["type"] == "warning"] == [
        ("encoding_fallback", [1])
    ]
    assert (report[-1]["encoding"], report[-1]["non_utf8_lines"]) == ("cp1252", 2)


def test_report_of_a_failed_run_says_so(tmp_path: Path) -> None:
    report_path = tmp_path / "report.jsonl"
    try:
        with JsonlReport(report_path) as report:
            report.add_summary(source="x")
            raise RuntimeError("Keycloak unreachable")
    except RuntimeError:
        pass
    summary = json.loads(report_path.read_text(encoding="utf-8"))
    assert summary["completed"] is False
    assert summary["error"] == "RuntimeError: Keycloak unreachable"

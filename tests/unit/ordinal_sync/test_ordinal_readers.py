"""Layouts, filtering, encodings and zips of source files."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ordinal_sync.grouping import record_key
from ordinal_sync.readers import CsvRow, ExtractionRow, Layout, UnknownLayoutError, detect_layout, open_source
from ordinal_sync.textfile import SourceFileError


def _read(path: Path) -> tuple[Layout, list[tuple[int, str, tuple[str, ...], str | None]]]:
    with open_source(path) as reader:
        return reader.layout, [(line.line_no, line.key, line.fields, line.problem) for line in reader]


def test_extraction_keeps_only_rpps_lines_of_doctors(
    extraction_header: str, extraction_line: Callable[..., str], write_source: Callable[..., Path]
) -> None:
    path = write_source(
        [
            extraction_header,
            extraction_line(rpps="10000000017"),
            extraction_line(rpps="20000000011", profession="21"),  # pharmacist
            extraction_line(id_type="0", rpps="751234567", profession="10"),  # ADELI
            extraction_line(rpps="10000000025", profession="60"),  # nurse
            extraction_line(rpps=" 10000000033 "),
        ]
    )
    with open_source(path) as reader:
        lines = list(reader)
        assert reader.layout is Layout.EXTRACTION
        assert reader.lines_read == 6
        assert reader.skipped_lines == 3
    assert [(line.line_no, line.key) for line in lines] == [(2, "10000000017"), (6, "10000000033")]
    row = ExtractionRow._make(lines[0].fields)
    assert (row.birth_last_name, row.given_names, row.birth_date) == ("DUPONT", "MARIE'ANNE'", "17/06/1975")
    assert row.department == "75"


def test_extraction_tolerates_a_missing_trailing_pipe_and_reports_wrong_widths(
    extraction_header: str, extraction_line: Callable[..., str], write_source: Callable[..., Path]
) -> None:
    path = write_source(
        [
            extraction_header,
            extraction_line().removesuffix("|"),
            "8|10000000025|810000000025|SHORT|",
            "",
            extraction_line(rpps="10000000033") + "extra|",
        ],
        newline="\r\n",
    )
    _, lines = _read(path)
    assert [(number, key, problem) for number, key, _, problem in lines] == [
        (2, "10000000017", None),
        (3, "", "4 champs au lieu de 49"),
        (5, "", "50 champs au lieu de 49"),
    ]


def test_extraction_columns_are_found_by_name(write_source: Callable[..., Path]) -> None:
    # Reordered columns, curly apostrophes, no accents: found all the same.
    header = "|".join(
        [
            "Code profession", "Prenoms", "Nom de famille", "Identifiant PP", "Type d’identifiant PP",
            "Date de naissance", "Téléphone (coord. correspondance)",
            "Adresse e-mail (coord. correspondance)", "Code civilité", "Code catégorie professionnelle",
            "Nom d'exercice", "Prénom d'exercice", "Code département (coord. structure)",
        ]
    )  # fmt: skip
    path = write_source([header, "10|JEAN'|MARTIN|10000000017|8|01/02/1970|0652112846||M|C|||13"])
    layout, lines = _read(path)
    assert layout is Layout.EXTRACTION
    row = ExtractionRow._make(lines[0][2])
    assert (row.rpps, row.given_names, row.phone, row.department) == (
        "10000000017",
        "JEAN'",
        "0652112846",
        "13",
    )


def test_extraction_header_without_a_needed_column(write_source: Callable[..., Path]) -> None:
    path = write_source(["Type d'identifiant PP|Identifiant PP|Nom de famille|", "8|10000000017|X|"])
    with pytest.raises(UnknownLayoutError, match="Date de naissance"), open_source(path):
        pass


def test_csv_layout_with_rfc4180_quoting(csv_header: str, write_source: Callable[..., Path]) -> None:
    path = write_source(
        [
            csv_header,
            '10000000017;17/06/1975;MME;"N\'DIAYE; épouse MARTIN";Marie;0652112846;m@orange.fr;inscrit;75',
            '10000000025;01/01/1980;M;"DU\nPONT";"Jean ""Jo""";;;radie;2A',
            "",
            "10000000033;01/01/1980;M;DURAND",
            "x" * 200_000,  # beyond the csv module's field limit
            "10000000041;01/01/1980;M;DURAND;Jean;;;inscrit;75",
        ]
    )
    layout, lines = _read(path)
    assert layout is Layout.ORDINAL_CSV
    first, second, short, huge, last = lines
    assert (huge[0], huge[1], huge[3]) == (7, "", "CSV illisible (field larger than field limit (131072))")
    assert (last[0], last[1]) == (8, "10000000041")
    assert CsvRow._make(first[2]).last_name == "N'DIAYE; épouse MARTIN"
    assert (second[0], CsvRow._make(second[2]).last_name, CsvRow._make(second[2]).first_name) == (
        3,
        "DU\nPONT",
        'Jean "Jo"',
    )
    assert (short[0], short[3]) == (6, "4 champs au lieu de 9")


def test_csv_header_is_case_insensitive_and_may_be_reordered(write_source: Callable[..., Path]) -> None:
    header = (
        "STATUT;RPPS;date_naissance;civilite;nom;prenom;telephone_mobile;email_correspondance;Conseil_Departemental"
    )
    path = write_source([header, "interne;10000000017;17/06/1999;M;X;Y;;;13"])
    _, lines = _read(path)
    row = CsvRow._make(lines[0][2])
    assert (row.rpps, row.status, row.council) == ("10000000017", "interne", "13")


def test_detect_layout_reads_only_the_header(
    extraction_header: str, csv_header: str, write_source: Callable[..., Path]
) -> None:
    assert detect_layout(write_source([extraction_header, "garbage"], name="a.txt")) is Layout.EXTRACTION
    assert detect_layout(write_source([csv_header], name="b.csv", zipped=True)) is Layout.ORDINAL_CSV


@pytest.mark.parametrize("header", ["", "nom;prenom;rpps", "a|b|c|", "Identifiant PP|Nom|"])
def test_unknown_layout(header: str, write_source: Callable[..., Path]) -> None:
    path = write_source([header, "x"])
    with pytest.raises(UnknownLayoutError, match="neither"):
        detect_layout(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(UnknownLayoutError, match="empty"), open_source(path):
        pass


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="cannot read"), open_source(tmp_path / "nope.txt"):
        pass


def test_utf8_with_bom(csv_header: str, write_source: Callable[..., Path]) -> None:
    path = write_source([csv_header, "10000000017;17/06/1975;MME;LEFÈBVRE;Hélène;;;inscrit;75"], encoding="utf-8-sig")
    with open_source(path) as reader:
        lines = list(reader)
        assert (reader.layout, reader.encoding, reader.legacy_from_line) == (
            Layout.ORDINAL_CSV,
            "utf-8",
            None,
        )
    assert CsvRow._make(lines[0].fields).last_name == "LEFÈBVRE"


def test_latin1_detected_at_the_first_non_utf8_line(
    extraction_header: str, extraction_line: Callable[..., str], write_source: Callable[..., Path]
) -> None:
    # The header's accents are the first non-ASCII bytes: decided on line 1.
    path = write_source(
        [extraction_header, extraction_line(last="LEFÈBVRE", given="HÉLÈNE'NOËL'", practice_first="ŒDIPE")],
        encoding="cp1252",
    )
    with open_source(path) as reader:
        lines = list(reader)
        assert (reader.encoding, reader.legacy_from_line) == ("cp1252", 1)
    row = ExtractionRow._make(lines[0].fields)
    assert (row.birth_last_name, row.given_names, row.practice_first_name) == (
        "LEFÈBVRE",
        "HÉLÈNE'NOËL'",
        "ŒDIPE",
    )


def test_latin1_found_late_in_an_ascii_looking_file(csv_header: str, write_source: Callable[..., Path]) -> None:
    lines = [csv_header] + [f"1000000001{n};01/01/1980;M;DURAND;Jean;;;inscrit;75" for n in range(5)]
    lines.append("10000000017;17/06/1975;MME;GUÉRIN;Chloé;;;inscrit;75")
    path = write_source(lines, encoding="latin-1")
    with open_source(path) as reader:
        rows = [CsvRow._make(line.fields) for line in reader]
        assert (reader.legacy_from_line, reader.legacy_lines) == (7, 1)
    assert (rows[-1].last_name, rows[-1].first_name) == ("GUÉRIN", "Chloé")


def test_one_corrupted_line_does_not_spoil_the_utf8_lines_after_it(
    csv_header: str, write_source: Callable[..., Path]
) -> None:
    path = write_source([csv_header, "10000000017;17/06/1975;MME;GUÉRIN;Chloé;;;inscrit;75"])
    corrupted = "10000000025;01/01/1980;M;FRANÇOIS;Noël;;;inscrit;75\n".encode("latin-1")
    path.write_bytes(path.read_bytes() + corrupted + "10000000033;01/01/1980;M;LEFÈBVRE;Zoé;;;inscrit;75\n".encode())
    with open_source(path) as reader:
        rows = [CsvRow._make(line.fields) for line in reader]
        assert (reader.encoding, reader.legacy_from_line, reader.legacy_lines) == ("cp1252", 3, 1)
    assert [row.last_name for row in rows] == ["GUÉRIN", "FRANÇOIS", "LEFÈBVRE"]


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_zipped_source(
    encoding: str,
    extraction_header: str,
    extraction_line: Callable[..., str],
    write_source: Callable[..., Path],
) -> None:
    path = write_source([extraction_header, extraction_line(last="FRANÇOIS")], encoding=encoding, zipped=True)
    assert zipfile.is_zipfile(path)
    _, lines = _read(path)
    assert ExtractionRow._make(lines[0][2]).birth_last_name == "FRANÇOIS"


def test_zip_ignores_macos_shadows_but_refuses_two_files(tmp_path: Path, csv_header: str) -> None:
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w") as archive:
        archive.writestr("ordinal.csv", csv_header + "\n")
        archive.writestr("__MACOSX/._ordinal.csv", b"\x00\x05")
        archive.writestr("dir/", b"")
    assert _read(good) == (Layout.ORDINAL_CSV, [])
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("a.csv", csv_header + "\n")
        archive.writestr("b.csv", csv_header + "\n")
    with pytest.raises(SourceFileError, match="exactly one file"), open_source(bad):
        pass


def test_lines_told_apart_undecoded_are_those_the_full_reading_would_keep_or_skip(
    extraction_header: str, extraction_line: Callable[..., str], write_source: Callable[..., Path]
) -> None:
    """The fast paths (bytes, no decoding) never change what a line becomes."""
    tricky = [
        extraction_line(rpps="10000000017"),
        extraction_line(rpps="10000000025", id_type=" 8"),  # spaces around the type: kept
        extraction_line(rpps="10000000033", profession="10\u00a0"),  # a no-break space: kept
        extraction_line(rpps="10000000041", profession="21"),  # pharmacist: skipped
        extraction_line(rpps="10000000058", profession="1O"),  # letter O: skipped
        extraction_line(id_type="0", rpps="751234567"),  # ADELI: skipped
        extraction_line(rpps="10000000066").removesuffix("|") + "|x",  # one field too many
        extraction_line(rpps="1000000007\u0663"),  # an Arabic-Indic digit: never an RPPS
        extraction_line(rpps="10000000074", last="LEFÈBVRE"),
        "   ",
    ]
    path = write_source([extraction_header, *tricky, extraction_line(rpps="10000000082", last="É")], encoding="utf-8")
    latin = write_source(
        [extraction_header, *tricky[:3], extraction_line(last="HÉLÈNE")], name="l.txt", encoding="latin-1"
    )
    for source in (path, latin):
        with open_source(source) as reader:
            everything = list(reader)
            skipped = reader.skipped_lines
        assert skipped == (3 if source == path else 0)
        keys = [record_key(line.key) for line in everything]
        wanted = {key for key in keys if isinstance(key, int)}
        loose = {line.line_no for line in everything if not line.key}  # what pass 1 read as records of their own
        for keep in (wanted, set(), {min(wanted)}):
            with open_source(source) as reader:
                second = list(reader.lines(keep, loose))
            expected = [
                line for line, key in zip(everything, keys, strict=True) if not isinstance(key, int) or key in keep
            ]
            assert second == expected, keep

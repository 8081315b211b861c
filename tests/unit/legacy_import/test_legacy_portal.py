"""The portal's accounts from each Drupal layout, as CSV tables or dumps."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from legacy_import.portal import Layout, PortalAccount, read_portal
from legacy_import.tables import csv_table_name
from ordinal_sync.textfile import SourceFileError
from tests.unit.legacy_import.conftest import DEMO, DUMPS, TRICKY_NAME


def by_uid(accounts: list[PortalAccount]) -> dict[str, PortalAccount]:
    return {account.uid: account for account in accounts}


@pytest.mark.parametrize(
    "export",
    [
        [DEMO / "drupal7" / "mysql-dump.sql"],
        [DEMO / "drupal7"],
        [DEMO / "drupal7" / "users.csv", DEMO / "drupal7" / "field_data_field_rpps.csv"],
        [DUMPS / "drupal7-postgresql-copy.sql"],
    ],
    ids=["mysql-dump", "csv-directory", "csv-files", "postgresql-copy"],
)
def test_drupal7_accounts_with_their_rpps(export: list[Path]) -> None:
    found = read_portal(export)
    assert found.layout is Layout.DRUPAL7
    assert found.anonymous == 1  # uid 0
    accounts = by_uid(found.accounts)
    paul = accounts["2"]
    assert (paul.name, paul.mail, paul.rpps) == ("plefevre", "paul.lefevre@exemple.fr", "10001000115")
    assert paul.active
    assert paul.pass_hash is not None and paul.pass_hash.startswith("$S$D") and len(paul.pass_hash) == 55
    assert paul.origin == "drupal:2" and paul.last_login == 1_735_000_000
    assert accounts["4"].pass_hash is not None and accounts["4"].pass_hash.startswith("U$S$")
    assert accounts["5"].active is False  # blocked on the portal
    assert accounts["1"].rpps is None  # the administrator has no RPPS
    assert accounts["11"].pass_hash == "5f4dcc3b5aa765d61d8327deb882cf99"


@pytest.mark.parametrize(
    "export",
    [
        [DEMO / "drupal10" / "postgresql-dump.sql"],
        [DEMO / "drupal10"],
        [DUMPS / "drupal10-mysql-complete-insert.sql.gz"],
        [DUMPS / "drupal10-postgresql-column-inserts.sql"],
    ],
    ids=["postgresql-inserts", "csv-directory", "mysql-complete-insert-gzip", "postgresql-column-inserts"],
)
def test_drupal8_accounts_once_each_in_their_own_language(export: list[Path]) -> None:
    found = read_portal(export)
    assert found.layout is Layout.DRUPAL8
    assert found.other_languages == 1  # uid 2 also has an English row, not its own language
    accounts = by_uid(found.accounts)
    assert [a.uid for a in found.accounts].count("2") == 1
    assert accounts["3"].pass_hash is not None and accounts["3"].pass_hash.startswith("$2y$10$")
    assert accounts["4"].pass_hash is not None and accounts["4"].pass_hash.startswith("$P$")
    assert accounts["6"].rpps == "100 010 000 81"  # as typed on the portal; planning normalises it
    if "20" in accounts:
        assert accounts["20"].name == TRICKY_NAME


def test_line_numbers_are_those_of_the_users_file() -> None:
    found = read_portal([DEMO / "drupal10"])
    lines = (DEMO / "drupal10" / "users_field_data.csv").read_text(encoding="utf-8").splitlines()
    for account in found.accounts:
        assert account.source == "users_field_data.csv"
        assert lines[account.line - 1].startswith(f"{account.uid},fr,")


def test_a_table_prefix_and_another_field_name(tmp_path: Path) -> None:
    found = read_portal([DUMPS / "drupal7-mysql-prefixed.sql"], table_prefix="site_")
    assert found.layout is Layout.DRUPAL7 and by_uid(found.accounts)["20"].rpps == "10001000982"
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    (renamed / "users.csv").write_bytes((DEMO / "drupal7" / "users.csv").read_bytes())
    field = (DEMO / "drupal7" / "field_data_field_rpps.csv").read_text(encoding="utf-8")
    (renamed / "field_data_field_numero_rpps.csv").write_text(
        field.replace("field_rpps_value", "field_numero_rpps_value").replace("field_rpps_format", "x"), encoding="utf-8"
    )
    with pytest.raises(SourceFileError, match=r"numero_rpps\.csv: table field_data_field_numero_rpps is none"):
        read_portal([renamed])
    assert by_uid(read_portal([renamed], rpps_field="field_numero_rpps").accounts)["2"].rpps == "10001000115"


def test_missing_tables_and_columns_are_named(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"no RPPS found: the Drupal 7 accounts need the table field_data_"):
        read_portal([DEMO / "drupal7" / "users.csv"])
    with pytest.raises(SourceFileError, match="no accounts found"):
        read_portal([DEMO / "drupal7" / "field_data_field_rpps.csv"])
    users = tmp_path / "users.csv"
    users.write_text("uid,name,mail,status\n1,a,a@exemple.fr,1\n")
    (tmp_path / "field_data_field_rpps.csv").write_text("entity_id,field_rpps_value\n1,10001000115\n")
    with pytest.raises(SourceFileError, match="no accounts found"):  # no pass column: not an accounts table
        read_portal([tmp_path])
    users.write_text("uid,name,pass,status\n1,a,$S$x,1\n")
    with pytest.raises(SourceFileError, match=r"users\.csv: table users has no column mail"):
        read_portal([tmp_path])


def test_deleted_and_later_values_of_the_field_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "users.csv").write_text("uid;name;pass;mail;status;login\n7;x;$S$h;x@exemple.fr;1;0\n")
    (tmp_path / "field_data_field_rpps.csv").write_text(
        "entity_type;deleted;entity_id;delta;field_rpps_value\n"
        "node;0;7;0;10001000024\nuser;1;7;0;10001000032\nuser;0;7;1;10001000040\nuser;0;7;0;10001000115\n"
    )
    found = read_portal([tmp_path])
    assert found.field_rows_ignored == 3 and found.accounts[0].rpps == "10001000115"
    assert found.accounts[0].last_login == 0


def test_csv_dialects_and_null_markers(tmp_path: Path) -> None:
    # phpMyAdmin-like: semicolons, quotes, a field over two lines; mysql --batch: tabs, escapes, NULL.
    (tmp_path / "users.csv").write_text(
        '"uid";"name";"pass";"mail";"status"\n"3";"Dr ""Z""; two\nlines";"$S$h";"NULL";"1"\n"4";"d";"\\N";"";"0"\n'
    )
    (tmp_path / "field_data_field_rpps.tsv.gz").write_bytes(
        gzip.compress(b"entity_id\tfield_rpps_value\tnote\n3\t10001000115\ttab\\there\n4\tNULL\tNULL\n")
    )
    found = read_portal([tmp_path])
    three, four = found.accounts
    assert (three.line, three.name, three.mail, three.rpps) == (2, 'Dr "Z"; two\nlines', None, "10001000115")
    assert (four.line, four.pass_hash, four.mail, four.rpps, four.active) == (4, None, None, None, False)


def test_what_is_not_an_export_is_refused_in_one_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# not a dump\n")
    with pytest.raises(SourceFileError, match=r"notes\.md: neither a CSV file"):
        read_portal([notes])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SourceFileError, match="no CSV file"):
        read_portal([empty])
    assert csv_table_name(Path("user__field_rpps.csv.gz")) == "user__field_rpps"
    assert csv_table_name(Path("users.sql")) is None

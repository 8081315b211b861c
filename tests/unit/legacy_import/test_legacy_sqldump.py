"""Reading rows out of real mariadb-dump and pg_dump output, and out of hostile statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy_import.sqldump import Dialect, DumpError, DumpStats, detect_dialect, read_dump
from tests.unit.legacy_import.conftest import DEMO, DUMPS, TRICKY_NAME

DRUPAL7 = {"users", "field_data_field_rpps"}
DRUPAL8 = {"users_field_data", "user__field_rpps"}


def rows(path: Path, tables: set[str], **options: object) -> list[tuple[str, int, dict[str, str | None]]]:
    return [(row.table, row.line, row.values) for row in read_dump(path, tables, **options)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("dump", "dialect", "tables", "users_table"),
    [
        (DEMO / "drupal7" / "mysql-dump.sql", Dialect.MYSQL, DRUPAL7, "users"),
        (DUMPS / "drupal10-mysql-complete-insert.sql.gz", Dialect.MYSQL, DRUPAL8, "users_field_data"),
        (DUMPS / "drupal7-postgresql-copy.sql", Dialect.POSTGRESQL, DRUPAL7, "users"),
        (DEMO / "drupal10" / "postgresql-dump.sql", Dialect.POSTGRESQL, DRUPAL8, "users_field_data"),
        (DUMPS / "drupal10-postgresql-column-inserts.sql", Dialect.POSTGRESQL, DRUPAL8, "users_field_data"),
    ],
)
def test_each_dialect_and_dump_style_gives_the_rows_as_stored(
    dump: Path, dialect: Dialect, tables: set[str], users_table: str
) -> None:
    stats = DumpStats()
    found = rows(dump, tables, stats=stats)
    assert stats.dialect is dialect
    users = {values["uid"]: values for table, _line, values in found if table == users_table}
    # uid 0 (visitors) and the doctors' accounts, each with its hash exactly as stored.
    assert users["0"]["name"] == ""
    assert str(users["2"]["pass"]).startswith("$S$")
    assert users["2"]["status"] == "1"
    assert all(table in tables for table, _line, _values in found)
    assert sum(1 for table, _l, _v in found if table != users_table) >= 7  # RPPS field rows
    if "20" in users:  # the fixtures' hostile account
        assert users["20"]["name"] == TRICKY_NAME
        assert users["20"]["mail"] == "obrien@exemple.fr"


def test_line_numbers_point_at_each_row() -> None:
    dump = DEMO / "drupal7" / "mysql-dump.sql"
    text = dump.read_text(encoding="utf-8").splitlines()
    for table, line, values in rows(dump, DRUPAL7):
        if table == "users" and values["uid"] != "0":
            assert f"({values['uid']},'{values['name']}'" in text[line - 1], line


def test_other_tables_are_skipped_whatever_their_quotes_comments_and_function_bodies() -> None:
    # The fixtures' cache table holds "INSERT INTO users VALUES (99, …)", semicolons, -- and /* */
    # inside strings, multi-line values; the PostgreSQL dump a function in $_$ quotes.
    for dump in (DUMPS / "drupal7-mysql-prefixed.sql", DUMPS / "drupal7-postgresql-copy.sql"):
        prefix = "site_" if "prefixed" in dump.name else ""
        found = rows(dump, {f"{prefix}users"})
        assert sorted(int(v["uid"] or 0) for _t, _l, v in found) == [*range(13), 20]
        cache = rows(dump, {f"{prefix}cache"})
        assert [v["cid"] for _t, _l, v in cache] == ["menu:1", "theme:2"]


def test_mysql_strings_keep_every_escape() -> None:
    dump = DUMPS / "drupal7-mysql-prefixed.sql"
    cache = {v["cid"]: v["data"] for _t, _l, v in rows(dump, {"site_cache"})}
    assert cache["menu:1"] == "it's; INSERT INTO users VALUES (99, 'x');\nsecond line -- not a comment /* nor this */"
    assert cache["theme:2"] == 'back\\slash "quotes" `ticks` $$dollars$$ ; ; ;\ttab'


def test_an_insert_without_columns_needs_the_create_table_before_it(tmp_path: Path) -> None:
    dump = tmp_path / "partial.sql"
    dump.write_text("-- MySQL dump 10.13\nINSERT INTO `users` VALUES (1,'a','$S$x','a@b.fr',1);\n")
    with pytest.raises(DumpError, match=r"partial\.sql, line 2: INSERT into users without a column list.*--complete"):
        rows(dump, {"users"})


def test_a_truncated_dump_is_an_error_not_a_silent_end(tmp_path: Path) -> None:
    dump = tmp_path / "cut.sql"
    dump.write_text("-- MySQL dump\nINSERT INTO `users` (`uid`, `name`) VALUES (1,'a'),(2,'unfinished\n")
    with pytest.raises(DumpError, match="ends inside a statement"):
        rows(dump, {"users"})


def test_unreadable_values_name_file_and_line(tmp_path: Path) -> None:
    dump = tmp_path / "bad.sql"
    dump.write_text("-- MySQL dump\n\nINSERT INTO `users` (`uid`, `name`) VALUES (1,'a' 'b');\n")
    with pytest.raises(DumpError, match=r"bad\.sql, line 3: expected ',' or '\)'"):
        rows(dump, {"users"})
    dump.write_text("-- MySQL dump\nINSERT INTO `users` (`uid`, `name`) VALUES (1,'a','extra');\n")
    with pytest.raises(DumpError, match="3 values for 2 columns"):
        rows(dump, {"users"})


def test_postgresql_literals_escape_strings_casts_and_multi_line_values(tmp_path: Path) -> None:
    dump = tmp_path / "pg.sql"
    dump.write_text(
        "SET standard_conforming_strings = on;\n"
        "INSERT INTO public.users (uid, name, mail, data) VALUES (1, 'it''s \\ plain', E'tab\\there\\n', "
        "'\\x6162'::bytea);\n"
        'INSERT INTO "public"."users" (uid, name, mail, data) VALUES (2, \'two\nlines; -- here\', NULL, NULL);\n'
    )
    found = rows(dump, {"users"})
    assert found == [
        ("users", 2, {"uid": "1", "name": "it's \\ plain", "mail": "tab\there\n", "data": "\\x6162"}),
        ("users", 3, {"uid": "2", "name": "two\nlines; -- here", "mail": None, "data": None}),
    ]


def test_copy_blocks_unescape_their_fields(tmp_path: Path) -> None:
    dump = tmp_path / "copy.sql"
    dump.write_text(
        "-- PostgreSQL database dump\n"
        "COPY public.users (uid, name, mail) FROM stdin;\n"
        "1\ttab\\there\\\\slash\t\\N\n"
        "2\tsecond\tb@exemple.fr\n"
        "\\.\n"
    )
    assert rows(dump, {"users"}) == [
        ("users", 3, {"uid": "1", "name": "tab\there\\slash", "mail": None}),
        ("users", 4, {"uid": "2", "name": "second", "mail": "b@exemple.fr"}),
    ]


def test_the_dialect_comes_from_the_header_or_the_quoting() -> None:
    assert detect_dialect(["-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB"]) is Dialect.MYSQL
    assert detect_dialect(["--", "-- PostgreSQL database dump", "--"]) is Dialect.POSTGRESQL
    assert detect_dialect(["INSERT INTO `users` VALUES (1);"]) is Dialect.MYSQL
    assert detect_dialect(['INSERT INTO "users" VALUES (1);']) is Dialect.POSTGRESQL
    assert detect_dialect(["uid,name,pass", "1,a,b"]) is None


def test_mysql_literals_of_every_kind(tmp_path: Path) -> None:
    dump = tmp_path / "my.sql"
    dump.write_text(
        "-- MySQL dump 10.13  Distrib 8.0.36\n"
        "INSERT INTO `users` (`uid`, `name`, `mail`, `data`, `status`) VALUES "
        "(1,'it''s a\\'b \\\\ c\\0','x@exemple.fr',_binary 'a:1:{}',-1),"
        "(2,'\\n\\t\\Z',NULL,0x61623b,b'1');\n"
    )
    assert [values for _t, _l, values in rows(dump, {"users"})] == [
        {"uid": "1", "name": "it's a'b \\ c\0", "mail": "x@exemple.fr", "data": "a:1:{}", "status": "-1"},
        {"uid": "2", "name": "\n\t\x1a", "mail": None, "data": "ab;", "status": "1"},
    ]

"""Remake the old portal's example exports (demo/legacy/) and the dump fixtures of the parser's unit
tests (tests/unit/legacy_import/dumps/) with the real tools: the accounts go into throwaway MariaDB
and PostgreSQL databases holding Drupal 7 and Drupal 10 tables, then come out through mariadb-dump,
pg_dump and psql's \\copy; the password hashes are made by PHP.

Needs Debian's mariadb-server, postgresql and php-cli; nothing else uses this script (the files it
writes are committed). Run from the repository: .venv/bin/python demo/legacy/make_examples.py
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from provisioning.devstack.ports import free_port  # noqa: E402
from provisioning.devstack.postgres import OS_USER, LocalPostgres  # noqa: E402
from tests.support.drupal import php_hashes  # noqa: E402

DEMO = ROOT / "demo" / "legacy"
FIXTURES = ROOT / "tests" / "unit" / "legacy_import" / "dumps"


@dataclass
class Account:
    uid: int
    name: str
    mail: str | None
    password: str | None  # None: the hash is given as is
    scheme: str = "S"
    strength: int = 15
    rpps: str | None = None
    status: int = 1
    login: int = 1_735_000_000
    pass_hash: str = ""
    cut: bool = False  # the hash loses its last character, as a too short column would


# Drupal 7 portal: 2^15 rounds, one account Drupal 7 upgraded from Drupal 6 (U$S$).
DRUPAL7 = [
    Account(0, "", "", None, rpps=None, status=0, login=0),
    Account(1, "admin", "webmaster@ordre-exemple.fr", "Admin-Portail-2015!", rpps=None),
    Account(2, "plefevre", "paul.lefevre@exemple.fr", "Lefevre-Cabinet-2019!", rpps="10001000115"),
    Account(3, "jfournier", "julie.fournier@exemple.fr", "julie1234", rpps="10001000123"),
    Account(4, "amercier", "antoine.mercier@exemple.fr", "Chirurgie*Lyon1998", scheme="U", rpps="10001000131"),
    Account(5, "cmartin", "claire.martin@exemple.fr", "Martin-Bloquee-2020!", rpps="10001000016", status=0),
    Account(6, "mauvaiscle", "mauvaise.cle@exemple.fr", "Mauvaise-Cle-2020!", rpps="10001000110"),
    Account(7, "inconnu", "inconnu@exemple.fr", "Inconnu-Ordinal-2020!", rpps="10001000990"),
    Account(8, "jdupont", "secretariat.cabinet@exemple.fr", "Dupont-Secretariat-1!", rpps="10001000024"),
    Account(9, "sbernard", "Secretariat.Cabinet@exemple.fr", "Bernard-Secretariat-2!", rpps="10001000032"),
    Account(10, "mdurand", "marie.durand@exemple.fr", "Durand-Ancien-Portail-1!", rpps="10001000057"),
    Account(11, "ppetit", "paul.petit@exemple.fr", None, rpps="10001000040",
            pass_hash="5f4dcc3b5aa765d61d8327deb882cf99"),  # Drupal 6's plain MD5, never upgraded
    Account(12, "tgirard", "anne.garnier@exemple.fr", "Girard-Valence-2018!", rpps="10001000107"),
]  # fmt: skip

# Drupal 10 portal: 2^16 rounds, bcrypt since 10.1, one phpass account Drupal brought from WordPress.
DRUPAL10 = [
    Account(0, "", None, None, status=0, login=0),
    Account(1, "admin", "webmaster@ordre-exemple.fr", "Admin-Portail-2023!", strength=16),
    Account(2, "crobin", "chloe.robin@exemple.fr", "Robin-Pediatrie-2021!", strength=16, rpps="10001000149"),
    Account(3, "lgauthier", "louis.gauthier@exemple.fr", "Gauthier.Cardio.Nantes44", scheme="2y", strength=10,
            rpps="10001000156"),
    Account(4, "cperrin", "camille.perrin@exemple.fr", "camille75", scheme="P", strength=13, rpps="10001000164"),
    Account(5, "lroux", "lea.roux@exemple.fr", "Roux-Toulouse-2022!", strength=16, rpps="10001000073", status=0),
    Account(6, "hlefebvre", "hugo.lefebvre@exemple.fr", "Lefebvre-Reunion-2020!", strength=16, rpps="100 010 000 81",
            cut=True),
    Account(7, "lmoreau", "luc.moreau@exemple.fr", "Moreau-Lille-2019!", strength=16, rpps="10001000065"),
    Account(8, "lmoreau2", "l.moreau@exemple.fr", "Moreau-Lille-2020!", strength=16, rpps="10001000065"),
]  # fmt: skip

# Only in the parser's fixtures: values that break naive dump readers.
TRICKY = Account(
    20, "Dr O'Brien \\ \"x\"; -- /* y */ é", "obrien@exemple.fr", "Obrien-Dublin-2017!", strength=7,
    rpps="10001000982",
)  # fmt: skip
CACHE_ROWS = [
    ("menu:1", "it's; INSERT INTO users VALUES (99, 'x');\nsecond line -- not a comment /* nor this */"),
    ("theme:2", 'back\\slash "quotes" `ticks` $$dollars$$ ; ; ;\ttab'),
]


def hash_accounts(*groups: Sequence[Account]) -> None:
    todo = [a for group in groups for a in group if a.password is not None and not a.pass_hash]
    for account, made in zip(todo, php_hashes([(a.scheme, a.strength, a.password or "") for a in todo]), strict=True):
        account.pass_hash = made[:-1] if account.cut else made


def sql_text(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


def pg_text(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


# --- Drupal's tables ----------------------------------------------------------------------------------


def drupal7_mysql(prefix: str = "", extra: Sequence[Account] = (), cache: bool = False) -> str:
    accounts = [*DRUPAL7, *extra]
    sql = [
        f"""CREATE TABLE `{prefix}users` (
  `uid` int(10) unsigned NOT NULL DEFAULT 0 COMMENT 'Primary Key: Unique user ID.',
  `name` varchar(60) NOT NULL DEFAULT '' COMMENT 'Unique user name.',
  `pass` varchar(128) NOT NULL DEFAULT '' COMMENT 'User\\'s password (hashed).',
  `mail` varchar(254) DEFAULT '' COMMENT 'User\\'s e-mail address.',
  `theme` varchar(255) NOT NULL DEFAULT '' COMMENT 'User\\'s default theme.',
  `signature` varchar(255) NOT NULL DEFAULT '' COMMENT 'User\\'s signature.',
  `signature_format` varchar(255) DEFAULT NULL COMMENT 'The filter_format.format of the signature.',
  `created` int(11) NOT NULL DEFAULT 0 COMMENT 'Timestamp for when user was created.',
  `access` int(11) NOT NULL DEFAULT 0 COMMENT 'Timestamp for previous time user accessed the site.',
  `login` int(11) NOT NULL DEFAULT 0 COMMENT 'Timestamp for user\\'s last login.',
  `status` tinyint(4) NOT NULL DEFAULT 0 COMMENT 'Whether the user is active(1) or blocked(0).',
  `timezone` varchar(32) DEFAULT NULL COMMENT 'User\\'s time zone.',
  `language` varchar(12) NOT NULL DEFAULT '' COMMENT 'User\\'s default language.',
  `picture` int(11) NOT NULL DEFAULT 0 COMMENT 'Foreign key: file_managed.fid of user\\'s picture.',
  `init` varchar(254) DEFAULT '' COMMENT 'E-mail address used for initial account creation.',
  `data` longblob DEFAULT NULL COMMENT 'A serialized array of name value pairs that are related to the user.',
  PRIMARY KEY (`uid`),
  UNIQUE KEY `name` (`name`),
  KEY `access` (`access`),
  KEY `created` (`created`),
  KEY `mail` (`mail`),
  KEY `picture` (`picture`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Stores user data.'""",
        f"""CREATE TABLE `{prefix}field_data_field_rpps` (
  `entity_type` varchar(128) NOT NULL DEFAULT '' COMMENT 'The entity type this data is attached to',
  `bundle` varchar(128) NOT NULL DEFAULT '' COMMENT 'The field instance bundle to which this row belongs.',
  `deleted` tinyint(4) NOT NULL DEFAULT 0 COMMENT 'A boolean indicating whether this data item has been deleted',
  `entity_id` int(10) unsigned NOT NULL COMMENT 'The entity id this data is attached to',
  `revision_id` int(10) unsigned DEFAULT NULL COMMENT 'The entity revision id this data is attached to',
  `language` varchar(32) NOT NULL DEFAULT '' COMMENT 'The language for this data item.',
  `delta` int(10) unsigned NOT NULL COMMENT 'The sequence number for this data item',
  `field_rpps_value` varchar(255) DEFAULT NULL,
  `field_rpps_format` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`entity_type`,`entity_id`,`deleted`,`delta`,`language`),
  KEY `entity_type` (`entity_type`),
  KEY `bundle` (`bundle`),
  KEY `deleted` (`deleted`),
  KEY `entity_id` (`entity_id`),
  KEY `revision_id` (`revision_id`),
  KEY `language` (`language`),
  KEY `field_rpps_format` (`field_rpps_format`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Data storage for field 1 (field_rpps)'""",
    ]
    for a in accounts:
        data = 'a:1:{s:7:"contact";i:1;}' if a.uid else None
        sql.append(
            f"INSERT INTO `{prefix}users` VALUES ({a.uid}, {sql_text(a.name)}, {sql_text(a.pass_hash)}, "
            f"{sql_text(a.mail)}, '', '', NULL, 1400000000, {a.login}, {a.login}, {a.status}, "
            f"{sql_text('Europe/Paris' if a.uid else None)}, '', 0, {sql_text(a.mail)}, {sql_text(data)})"
        )
        if a.rpps is not None:
            sql.append(
                f"INSERT INTO `{prefix}field_data_field_rpps` VALUES ('user', 'user', 0, {a.uid}, {a.uid}, 'und', 0, "
                f"{sql_text(a.rpps)}, NULL)"
            )
    if cache:
        sql.append(f"CREATE TABLE `{prefix}cache` (`cid` varchar(255) NOT NULL, `data` longblob, PRIMARY KEY (`cid`))")
        sql += [f"INSERT INTO `{prefix}cache` VALUES ({sql_text(c)}, {sql_text(d)})" for c, d in CACHE_ROWS]
    return ";\n".join(sql) + ";\n"


def drupal10_mysql(extra: Sequence[Account] = ()) -> str:
    sql = [
        """CREATE TABLE `users_field_data` (
  `uid` int(10) unsigned NOT NULL,
  `langcode` varchar(12) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `preferred_langcode` varchar(12) CHARACTER SET ascii COLLATE ascii_general_ci DEFAULT NULL,
  `preferred_admin_langcode` varchar(12) CHARACTER SET ascii COLLATE ascii_general_ci DEFAULT NULL,
  `name` varchar(60) NOT NULL,
  `pass` varchar(255) DEFAULT NULL,
  `mail` varchar(254) DEFAULT NULL,
  `timezone` varchar(32) DEFAULT NULL,
  `status` tinyint(4) DEFAULT NULL,
  `created` int(11) NOT NULL,
  `changed` int(11) DEFAULT NULL,
  `access` int(11) NOT NULL,
  `login` int(11) DEFAULT NULL,
  `init` varchar(254) DEFAULT NULL,
  `default_langcode` tinyint(4) NOT NULL,
  PRIMARY KEY (`uid`,`langcode`),
  UNIQUE KEY `user__name` (`name`,`langcode`),
  KEY `user_field__mail` (`mail`),
  KEY `user_field__created` (`created`),
  KEY `user_field__access` (`access`),
  KEY `user__id__default_langcode__langcode` (`uid`,`default_langcode`,`langcode`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='The data table for user entities.'""",
        """CREATE TABLE `user__field_rpps` (
  `bundle` varchar(128) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL DEFAULT '' COMMENT 'The field instance bundle to which this row belongs, used when deleting a field instance',
  `deleted` tinyint(4) NOT NULL DEFAULT 0 COMMENT 'A boolean indicating whether this data item has been deleted',
  `entity_id` int(10) unsigned NOT NULL COMMENT 'The entity id this data is attached to',
  `revision_id` int(10) unsigned NOT NULL COMMENT 'The entity revision id this data is attached to, which for an unversioned entity type is the same as the entity id',
  `langcode` varchar(32) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL DEFAULT '' COMMENT 'The language code for this data item.',
  `delta` int(10) unsigned NOT NULL COMMENT 'The sequence number for this data item, used for multi-value fields',
  `field_rpps_value` varchar(255) NOT NULL,
  PRIMARY KEY (`entity_id`,`deleted`,`delta`,`langcode`),
  KEY `bundle` (`bundle`),
  KEY `revision_id` (`revision_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Data storage for user field field_rpps.'""",  # noqa: E501
    ]
    for a in [*DRUPAL10, *extra]:
        sql += _drupal10_rows(a, sql_text, "`")
    return ";\n".join(sql) + ";\n"


def _drupal10_rows(a: Account, literal: Callable[[object], str], quote: str) -> list[str]:
    users, field = f"{quote}users_field_data{quote}", f"{quote}user__field_rpps{quote}"
    rows = [
        f"INSERT INTO {users} VALUES ({a.uid}, 'fr', 'fr', NULL, {literal(a.name)}, {literal(a.pass_hash or None)}, "
        f"{literal(a.mail)}, 'Europe/Paris', {a.status}, 1600000000, {a.login}, {a.login}, {a.login}, "
        f"{literal(a.mail)}, 1)"
    ]
    if a.uid == 2:  # a translation of the account: same uid, not the default language
        rows.append(
            f"INSERT INTO {users} VALUES ({a.uid}, 'en', 'fr', NULL, {literal(a.name)}, {literal(a.pass_hash)}, "
            f"{literal(a.mail)}, 'Europe/Paris', {a.status}, 1600000000, {a.login}, {a.login}, {a.login}, "
            f"{literal(a.mail)}, 0)"
        )
    if a.rpps is not None:
        rows.append(f"INSERT INTO {field} VALUES ('user', 0, {a.uid}, {a.uid}, 'fr', 0, {literal(a.rpps)})")
    return rows


def drupal7_postgresql(extra: Sequence[Account] = (), cache: bool = False) -> str:
    sql = [
        """CREATE TABLE users (
    uid bigint DEFAULT 0 NOT NULL, name varchar(60) DEFAULT '' NOT NULL, pass varchar(128) DEFAULT '' NOT NULL,
    mail varchar(254) DEFAULT '', theme varchar(255) DEFAULT '' NOT NULL, signature varchar(255) DEFAULT '' NOT NULL,
    signature_format varchar(255), created integer DEFAULT 0 NOT NULL, access integer DEFAULT 0 NOT NULL,
    login integer DEFAULT 0 NOT NULL, status smallint DEFAULT 0 NOT NULL, timezone varchar(32),
    language varchar(12) DEFAULT '' NOT NULL, picture integer DEFAULT 0 NOT NULL, init varchar(254) DEFAULT '',
    data bytea, CONSTRAINT users_uid_check CHECK ((uid >= 0)), PRIMARY KEY (uid))""",
        """CREATE TABLE field_data_field_rpps (
    entity_type varchar(128) DEFAULT '' NOT NULL, bundle varchar(128) DEFAULT '' NOT NULL,
    deleted smallint DEFAULT 0 NOT NULL, entity_id bigint NOT NULL, revision_id bigint,
    language varchar(32) DEFAULT '' NOT NULL, delta bigint NOT NULL, field_rpps_value varchar(255),
    field_rpps_format varchar(255), PRIMARY KEY (entity_type, entity_id, deleted, delta, language))""",
    ]
    for a in [*DRUPAL7, *extra]:
        data = "'\\x" + b'a:1:{s:7:"contact";i:1;}'.hex() + "'::bytea" if a.uid else "NULL"
        sql.append(
            f"INSERT INTO users VALUES ({a.uid}, {pg_text(a.name)}, {pg_text(a.pass_hash)}, {pg_text(a.mail)}, '', '', "
            f"NULL, 1400000000, {a.login}, {a.login}, {a.status}, {pg_text('Europe/Paris' if a.uid else None)}, '', "
            f"0, {pg_text(a.mail)}, {data})"
        )
        if a.rpps is not None:
            sql.append(
                f"INSERT INTO field_data_field_rpps VALUES ('user', 'user', 0, {a.uid}, {a.uid}, 'und', 0, "
                f"{pg_text(a.rpps)}, NULL)"
            )
    if cache:
        sql.append("CREATE TABLE cache (cid varchar(255) NOT NULL PRIMARY KEY, data bytea)")
        sql += [f"INSERT INTO cache VALUES ({pg_text(c)}, convert_to({pg_text(d)}, 'UTF8'))" for c, d in CACHE_ROWS]
        # Drupal's PostgreSQL driver installs functions like this one; pg_dump writes their bodies in $_$.
        sql.append(
            "CREATE FUNCTION substring_index(text, text, integer) RETURNS text AS "
            "$$SELECT array_to_string((string_to_array($1, $2))[1:$3], $2);$$ LANGUAGE sql"
        )
    return ";\n".join(sql) + ";\n"


def drupal10_postgresql(extra: Sequence[Account] = ()) -> str:
    sql = [
        """CREATE TABLE users_field_data (
    uid bigint NOT NULL, langcode varchar(12) NOT NULL, preferred_langcode varchar(12),
    preferred_admin_langcode varchar(12), name varchar(60) NOT NULL, pass varchar(255), mail varchar(254),
    timezone varchar(32), status smallint, created integer NOT NULL, changed integer, access integer NOT NULL,
    login integer, init varchar(254), default_langcode smallint NOT NULL,
    CONSTRAINT users_field_data__uid__check CHECK ((uid >= 0)), PRIMARY KEY (uid, langcode))""",
        """CREATE TABLE user__field_rpps (
    bundle varchar(128) DEFAULT '' NOT NULL, deleted smallint DEFAULT 0 NOT NULL, entity_id bigint NOT NULL,
    revision_id bigint NOT NULL, langcode varchar(32) DEFAULT '' NOT NULL, delta bigint NOT NULL,
    field_rpps_value varchar(255) NOT NULL, PRIMARY KEY (entity_id, deleted, delta, langcode))""",
    ]
    for a in [*DRUPAL10, *extra]:
        sql += _drupal10_rows(a, pg_text, "")
    return ";\n".join(sql) + ";\n"


# --- the servers ---------------------------------------------------------------------------------------


class MariaDb:
    def __init__(self, directory: Path) -> None:
        self.data = directory / "mariadb"
        self.socket = directory / "mariadb.sock"
        subprocess.run(
            ["mariadb-install-db", f"--datadir={self.data}", "--user=root", "--auth-root-authentication-method=normal"],
            check=True, capture_output=True,
        )  # fmt: skip
        self.server = subprocess.Popen(
            ["mariadbd", f"--datadir={self.data}", f"--socket={self.socket}", "--skip-networking", "--user=root",
             f"--pid-file={directory / 'mariadb.pid'}", "--skip-log-bin"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            if subprocess.run(["mariadb", f"--socket={self.socket}", "-uroot", "-e", "SELECT 1"],
                              capture_output=True).returncode == 0:  # fmt: skip
                return
            time.sleep(0.2)
        raise RuntimeError("MariaDB did not start")

    def run(self, database: str, sql: str) -> None:
        client = ["mariadb", f"--socket={self.socket}", "-uroot"]
        subprocess.run([*client, "-e", f"CREATE DATABASE IF NOT EXISTS {database}"], check=True)
        subprocess.run([*client, database], input=sql, text=True, check=True)

    def dump(self, database: str, *options: str, tables: Sequence[str] = ()) -> str:
        return subprocess.run(
            ["mariadb-dump", f"--socket={self.socket}", "-uroot", "--skip-dump-date", *options, database, *tables],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=60)


class Postgres:
    def __init__(self, directory: Path) -> None:
        directory.chmod(0o755)
        self.server = LocalPostgres(directory / "postgres", free_port()).start()

    def _run(self, *command: str, stdin: str | None = None) -> str:
        prefix = ["runuser", "-u", OS_USER, "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*prefix, str(self.server.bin / command[0]), "-h", "127.0.0.1", "-p", str(self.server.port), "-U",
             "postgres", *command[1:]],
            input=stdin, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip

    def run(self, database: str, sql: str) -> None:
        self.server.psql(f"CREATE DATABASE {database}")
        self._run("psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", database, stdin=sql)

    def dump(self, database: str, *options: str) -> str:
        return self._run("pg_dump", *options, database)

    def copy_csv(self, database: str, table: str, target: Path) -> None:
        copy = f"\\copy (SELECT * FROM {table}) TO STDOUT WITH (FORMAT csv, HEADER)"
        target.write_text(self._run("psql", "-d", database, "-c", copy), encoding="utf-8")

    def stop(self) -> None:
        self.server.stop()


def main() -> None:
    hash_accounts(DRUPAL7, DRUPAL10, [TRICKY])
    for directory in (DEMO / "drupal7", DEMO / "drupal10", FIXTURES):
        directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="monespace-drupal-") as tmp:
        maria, postgres = MariaDb(Path(tmp)), Postgres(Path(tmp))
        try:
            maria.run("drupal7", drupal7_mysql())
            maria.run("drupal7p", drupal7_mysql(prefix="site_", extra=[TRICKY], cache=True))
            maria.run("drupal10", drupal10_mysql(extra=[TRICKY]))
            postgres.run("drupal7", drupal7_postgresql())
            postgres.run("drupal7t", drupal7_postgresql(extra=[TRICKY], cache=True))
            postgres.run("drupal10", drupal10_postgresql())
            postgres.run("drupal10t", drupal10_postgresql(extra=[TRICKY]))

            (DEMO / "drupal7" / "mysql-dump.sql").write_text(
                maria.dump("drupal7", tables=["users", "field_data_field_rpps"]), encoding="utf-8"
            )
            for table in ("users", "field_data_field_rpps"):
                postgres.copy_csv("drupal7", table, DEMO / "drupal7" / f"{table}.csv")
            (DEMO / "drupal10" / "postgresql-dump.sql").write_text(
                postgres.dump("drupal10", "--inserts", "-t", "users_field_data", "-t", "user__field_rpps"),
                encoding="utf-8",
            )
            for table in ("users_field_data", "user__field_rpps"):
                postgres.copy_csv("drupal10", table, DEMO / "drupal10" / f"{table}.csv")

            (FIXTURES / "drupal7-mysql-prefixed.sql").write_text(maria.dump("drupal7p"), encoding="utf-8")
            with gzip.open(FIXTURES / "drupal10-mysql-complete-insert.sql.gz", "wt", encoding="utf-8") as file:
                file.write(maria.dump("drupal10", "--complete-insert", "--skip-extended-insert", "--hex-blob"))
            (FIXTURES / "drupal7-postgresql-copy.sql").write_text(postgres.dump("drupal7t"), encoding="utf-8")
            (FIXTURES / "drupal10-postgresql-column-inserts.sql").write_text(
                postgres.dump("drupal10t", "--column-inserts"), encoding="utf-8"
            )
        finally:
            maria.stop()
            postgres.stop()
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"written: {DEMO}/drupal7, {DEMO}/drupal10, {FIXTURES}")


if __name__ == "__main__":
    main()

"""The old Drupal portal's side of the tests: password hashes made by PHP itself, and account
exports in the CSV layouts `monespace legacy import` reads (one file per table, with a header)."""

from __future__ import annotations

import base64
import csv
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from provisioning.devstack import paths

#: Makes and checks hashes the way the portal does (see its header); needs Debian's php-cli.
PHP_SCRIPT = paths.EXTENSIONS / "src" / "test" / "resources" / "legacy" / "drupal-hashes.php"

#: Drupal 7's users table, and Drupal 8+'s users_field_data, column by column.
DRUPAL7_USER_COLUMNS = (
    "uid", "name", "pass", "mail", "theme", "signature", "signature_format", "created", "access", "login",
    "status", "timezone", "language", "picture", "init", "data",
)  # fmt: skip
DRUPAL8_USER_COLUMNS = (
    "uid", "langcode", "preferred_langcode", "preferred_admin_langcode", "name", "pass", "mail", "timezone",
    "status", "created", "changed", "access", "login", "init", "default_langcode",
)  # fmt: skip


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _php(lines: Sequence[str]) -> list[str]:
    if not lines:
        return []
    proc = subprocess.run(
        ["php", str(PHP_SCRIPT)], input="".join(line + "\n" for line in lines), capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise RuntimeError(f"drupal-hashes.php failed: {proc.stderr.strip()}")
    answers = proc.stdout.splitlines()
    assert len(answers) == len(lines)
    return answers


def php_hashes(requests: Sequence[tuple[str, int, str]]) -> list[str]:
    """Hashes made by PHP: (scheme S|U|H|P|2y|2a|2b, log2 of the rounds or bcrypt cost, password)."""
    return _php([f"hash {scheme} {strength} {_b64(password)}" for scheme, strength, password in requests])


def php_hash(scheme: str, strength: int, password: str) -> str:
    return php_hashes([(scheme, strength, password)])[0]


@dataclass
class PortalUser:
    """One account of the portal, as its users table holds it."""

    uid: int
    name: str
    mail: str | None
    pass_hash: str
    rpps: str | None
    status: int = 1
    created: int = 1_500_000_000
    access: int = 1_700_000_000
    login: int = 1_700_000_000


def _write(path: Path, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(columns)
        writer.writerows(["" if value is None else value for value in row] for row in rows)
    return path


def write_drupal7_csv(directory: Path, users: Sequence[PortalUser], rpps_field: str = "field_rpps") -> list[Path]:
    """users.csv and field_data_<field>.csv, as a Drupal 7 database exported table by table."""
    directory.mkdir(parents=True, exist_ok=True)
    user_rows = [
        (u.uid, u.name, u.pass_hash, u.mail, "", "", None, u.created, u.access, u.login, u.status, "Europe/Paris",
         "fr", 0, u.mail, None)
        for u in users
    ]  # fmt: skip
    field_rows = [("user", "user", 0, u.uid, u.uid, "und", 0, u.rpps, None) for u in users if u.rpps is not None]
    return [
        _write(directory / "users.csv", DRUPAL7_USER_COLUMNS, user_rows),
        _write(
            directory / f"field_data_{rpps_field}.csv",
            (
                "entity_type",
                "bundle",
                "deleted",
                "entity_id",
                "revision_id",
                "language",
                "delta",
                f"{rpps_field}_value",
                f"{rpps_field}_format",
            ),
            field_rows,
        ),
    ]


def write_drupal8_csv(directory: Path, users: Sequence[PortalUser], rpps_field: str = "field_rpps") -> list[Path]:
    """users_field_data.csv and user__<field>.csv, as a Drupal 8 to 11 database exported table by table."""
    directory.mkdir(parents=True, exist_ok=True)
    user_rows = [
        (u.uid, "fr", "fr", None, u.name, u.pass_hash, u.mail, "Europe/Paris", u.status, u.created, u.access,
         u.access, u.login, u.mail, 1)
        for u in users
    ]  # fmt: skip
    field_rows = [("user", 0, u.uid, u.uid, "fr", 0, u.rpps) for u in users if u.rpps is not None]
    return [
        _write(directory / "users_field_data.csv", DRUPAL8_USER_COLUMNS, user_rows),
        _write(
            directory / f"user__{rpps_field}.csv",
            ("bundle", "deleted", "entity_id", "revision_id", "langcode", "delta", f"{rpps_field}_value"),
            field_rows,
        ),
    ]

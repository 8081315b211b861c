"""The portal's accounts, from the tables of either Drupal layout.

- Drupal 7: ``users`` (uid, name, pass, mail, status, created, access, login…) and the RPPS
  field's table ``field_data_<field>`` (entity_type, entity_id, deleted, delta, <field>_value…).
- Drupal 8 to 11: ``users_field_data`` (one row per account and language, the account's own
  language marked ``default_langcode`` = 1) and ``user__<field>`` (entity_id, deleted, delta,
  <field>_value…). A full dump of Drupal 8+ also holds a ``users`` table (uid, uuid): it has no
  password column and is left aside.

The layout is recognised from the tables found. Each account is joined to its RPPS (the first
value of the field, not deleted); nothing is judged here (planning does), values are as stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from legacy_import.tables import Source, TableRow, read_tables, sources
from ordinal_sync.textfile import SourceFileError

DEFAULT_RPPS_FIELD = "field_rpps"
ANONYMOUS_UID = "0"  # Drupal's row for visitors: not an account


class Layout(StrEnum):
    DRUPAL7 = "drupal7"
    DRUPAL8 = "drupal8"  # Drupal 8 to 11: the same tables

    @property
    def label(self) -> str:
        return "Drupal 7" if self is Layout.DRUPAL7 else "Drupal 8+"


@dataclass(frozen=True)
class TableNames:
    """The tables a layout reads, for a field name and a table prefix."""

    users: str
    rpps: str
    rpps_column: str

    @staticmethod
    def of(layout: Layout, rpps_field: str = DEFAULT_RPPS_FIELD, prefix: str = "") -> TableNames:
        if layout is Layout.DRUPAL7:
            return TableNames(f"{prefix}users", f"{prefix}field_data_{rpps_field}", f"{rpps_field}_value")
        return TableNames(f"{prefix}users_field_data", f"{prefix}user__{rpps_field}", f"{rpps_field}_value")


@dataclass(slots=True)
class PortalAccount:
    """One account of the portal, values as Drupal stored them (``rpps`` joined in after reading:
    at 100,000 accounts a second, frozen copy of each would cost tens of megabytes)."""

    source: str  # file name
    line: int
    uid: str
    name: str
    mail: str | None
    pass_hash: str | None
    active: bool  # Drupal's status 1; 0 is a blocked account
    rpps: str | None  # the RPPS field's value, untouched
    last_login: int | None  # Unix time of the last login on the portal, 0 or None: never

    @property
    def origin(self) -> str:
        """What the doctor's espace keeps of it (attribute legacyAccount)."""
        return f"drupal:{self.uid}"


@dataclass
class PortalExport:
    layout: Layout
    sources: list[Source]
    accounts: list[PortalAccount]
    anonymous: int = 0  # uid 0 rows, left aside
    other_languages: int = 0  # Drupal 8+ rows of an account in another language than its own
    field_rows_ignored: int = 0  # deleted values, later values of a multi-valued field, other entities
    duplicate_rows: int = 0  # a uid met twice (kept: the first)
    counts_by_table: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        return ", ".join(source.describe() for source in self.sources)


_USER_COLUMNS = ("uid", "pass", "mail", "status")


@dataclass
class _Accounts:
    """One layout's accounts while reading: kept small (a dump's rows carry every column)."""

    accounts: list[PortalAccount] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    anonymous: int = 0
    other_languages: int = 0
    duplicate_rows: int = 0

    def add(self, layout: Layout, row: TableRow) -> None:
        values = row.values
        uid = str(values["uid"]).strip()
        if layout is Layout.DRUPAL8 and str(values.get("default_langcode", "1")).strip() not in ("1", "t"):
            self.other_languages += 1
        elif uid == ANONYMOUS_UID:
            self.anonymous += 1
        elif uid in self.seen:
            self.duplicate_rows += 1
        else:
            self.seen.add(uid)
            self.accounts.append(
                PortalAccount(
                    source=row.source,
                    line=row.line,
                    uid=uid,
                    name=values.get("name") or "",
                    mail=values["mail"],
                    pass_hash=values["pass"],
                    active=str(values["status"]).strip() in ("1", "t", "true"),
                    rpps=None,
                    last_login=_integer(values.get("login")),
                )
            )


def read_portal(
    paths: Iterable[Path],
    *,
    rpps_field: str = DEFAULT_RPPS_FIELD,
    table_prefix: str = "",
    on_lines: Callable[[int], None] | None = None,
) -> PortalExport:
    """Every account of the export, with its RPPS; raises SourceFileError when the files do not hold
    a Drupal users table and the RPPS field's table."""
    found = sources(paths)
    names = {layout: TableNames.of(layout, rpps_field, table_prefix) for layout in Layout}
    wanted = {n.users for n in names.values()} | {n.rpps for n in names.values()}
    users = {layout: _Accounts() for layout in Layout}
    fields: dict[Layout, dict[str, str | None]] = {layout: {} for layout in Layout}
    counts: dict[str, int] = {}
    ignored = 0
    for row in read_tables(found, wanted, on_lines):
        counts[row.table] = counts.get(row.table, 0) + 1
        for layout, tables in names.items():
            if row.table == tables.users and "pass" in row.values:
                _require(row, _USER_COLUMNS)
                users[layout].add(layout, row)
            elif row.table == tables.rpps:
                _require(row, ("entity_id", tables.rpps_column))
                if _first_value_of_a_user(row):
                    fields[layout].setdefault(str(row.values["entity_id"]).strip(), row.values[tables.rpps_column])
                else:
                    ignored += 1
    layout = Layout.DRUPAL8 if users[Layout.DRUPAL8].seen else Layout.DRUPAL7
    tables, read = names[layout], users[layout]
    if not read.seen:
        raise SourceFileError(
            f"no accounts found: {', '.join(s.path.name for s in found)} hold no table {names[Layout.DRUPAL7].users} "
            f"(Drupal 7) nor {names[Layout.DRUPAL8].users} (Drupal 8+) with a pass column"
        )
    if not counts.get(tables.rpps):
        raise SourceFileError(
            f"no RPPS found: the {layout.label} accounts need the table {tables.rpps} (its column "
            f"{tables.rpps_column}); if the portal names the field otherwise, give it with --rpps-field"
        )
    rpps_by_uid = fields[layout]
    for account in read.accounts:
        account.rpps = rpps_by_uid.get(account.uid)
    return PortalExport(
        layout,
        found,
        read.accounts,
        anonymous=read.anonymous,
        other_languages=read.other_languages,
        field_rows_ignored=ignored,
        duplicate_rows=read.duplicate_rows,
        counts_by_table=counts,
    )


def _first_value_of_a_user(row: TableRow) -> bool:
    values = row.values
    return (
        str(values.get("entity_type") or "user") == "user"
        and str(values.get("deleted") or "0").strip() in ("0", "f", "false")
        and str(values.get("delta") or "0").strip() == "0"
    )


def _require(row: TableRow, columns: Iterable[str]) -> None:
    missing = [name for name in columns if name not in row.values]
    if missing:
        raise SourceFileError(f"{row.source}: table {row.table} has no column {', '.join(missing)}")


def _integer(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None

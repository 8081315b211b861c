"""Each reason an account is refused, and what the import decides against what Keycloak holds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from legacy_import.planning import (
    NO_ESPACE,
    Decision,
    DoctorEspace,
    Inventory,
    PlanCounts,
    hash_digest,
    login_email,
    mask_email,
    plan,
    threshold_refusal,
)
from legacy_import.portal import PortalAccount

S_HASH = "$S$C33783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmzLf"
P_HASH = "$P$984478476IagS59wHZvyQMArzfx58u."
RPPS = ["10001000115", "10001000123", "10001000131", "10001000149"]


def account(uid: int, rpps: str | None = RPPS[0], **changes: object) -> PortalAccount:
    base = PortalAccount(
        source="users.csv", line=uid + 1, uid=str(uid), name=f"u{uid}", mail=f"u{uid}@exemple.fr",
        pass_hash=S_HASH, active=True, rpps=rpps, last_login=1_735_000_000,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def inventory(**doctors: DoctorEspace) -> Inventory:
    return Inventory((rpps.removeprefix("r"), doctor) for rpps, doctor in doctors.items())


EVERYONE = inventory(**{f"r{rpps}": NO_ESPACE for rpps in RPPS})


def codes(accounts: list[PortalAccount], known: Inventory = EVERYONE) -> list[str]:
    decided = plan(accounts, known)
    by_uid = {r.account.uid: r.code for r in decided.rejections}
    by_uid.update({a.account.uid: a.decision.value for a in decided.attachments})
    return [by_uid.get(a.uid, "-") for a in accounts]


def test_an_account_of_a_doctor_without_an_espace_is_imported() -> None:
    decided = plan([account(1, mail=" Paul.Lefevre@Exemple.fr ")], EVERYONE)
    (attachment,) = decided.attachments
    assert attachment.decision is Decision.IMPORT
    assert attachment.body() == {
        "rpps": RPPS[0], "email": "paul.lefevre@exemple.fr", "hash": S_HASH, "origin": "drupal:1",
    }  # fmt: skip
    assert decided.counts.import_ == 1 and decided.counts.by_scheme == {"$S$": 1}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"active": False}, "blocked_account"),
        ({"rpps": None}, "rpps_missing"),
        ({"rpps": "  "}, "rpps_missing"),
        ({"rpps": "1000100011"}, "rpps_format"),
        ({"rpps": "10001000116"}, "rpps_checksum"),
        ({"mail": None}, "email_invalid"),
        ({"mail": "médecin@exemple.fr"}, "email_invalid"),
        ({"mail": "a@b@exemple.fr"}, "email_invalid"),
        ({"mail": "pas une adresse"}, "email_invalid"),
        ({"pass_hash": S_HASH[:-1]}, "hash_unknown_scheme"),
        ({"pass_hash": "5f4dcc3b5aa765d61d8327deb882cf99"}, "hash_unknown_scheme"),
        ({"pass_hash": None}, "hash_unknown_scheme"),
    ],
)
def test_each_reason_found_in_the_account_itself(changes: dict[str, object], code: str) -> None:
    decided = plan([account(1, **changes)], EVERYONE)
    (rejection,) = decided.rejections
    assert rejection.code == code and decided.counts.by_code == {code: 1}
    issue = rejection.issue()
    assert issue.lines == (2,) and issue.message
    assert issue.value is None  # the report never carries a hash nor a full address


def test_rpps_with_spaces_are_the_same_doctor() -> None:
    assert codes([account(1, rpps="100 010 001 15")]) == ["import"]


def test_accounts_sharing_a_doctor_or_an_email_are_all_refused() -> None:
    accounts = [
        account(1, rpps=RPPS[0]),
        account(2, rpps=RPPS[0]),
        account(3, rpps=RPPS[1], mail="secretariat@exemple.fr"),
        account(4, rpps=RPPS[2], mail="Secretariat@Exemple.fr"),
        account(5, rpps=RPPS[3]),
        account(6, rpps=RPPS[3], active=False),  # blocked: no rival
    ]
    assert codes(accounts) == [
        "rpps_shared", "rpps_shared", "email_shared", "email_shared", "import", "blocked_account",
    ]  # fmt: skip
    rejection = next(r for r in plan(accounts, EVERYONE).rejections if r.account.uid == "3")
    assert "uid 4" in rejection.message


def test_decisions_against_what_keycloak_holds() -> None:
    held = inventory(
        r10001000115=DoctorEspace("u1@exemple.fr", "legacy", hash_digest(S_HASH), "drupal:1"),
        r10001000123=DoctorEspace("u2@exemple.fr", "legacy", hash_digest(P_HASH), "drupal:2"),
        r10001000131=DoctorEspace("ancienne@exemple.fr", "legacy", hash_digest(S_HASH), "drupal:3"),
        r10001000149=DoctorEspace("u4@exemple.fr", "active", None, "drupal:4"),
    )
    accounts = [account(1, rpps=RPPS[0]), account(2, rpps=RPPS[1]), account(3, rpps=RPPS[2]), account(4, rpps=RPPS[3])]
    assert codes(accounts, held) == ["-", "update", "update", "-"]
    counts = plan(accounts, held).counts
    assert (counts.unchanged, counts.update, counts.migrated, counts.rejected) == (1, 2, 1, 0)
    assert held.imported == 3


def test_refusals_only_keycloak_can_tell() -> None:
    held = inventory(
        r10001000115=DoctorEspace("marie@exemple.fr", "active"),  # activated here: never overwritten
        r10001000123=DoctorEspace("anne@exemple.fr", "active"),
        r10001000131=NO_ESPACE,
    )
    accounts = [
        account(1, rpps=RPPS[0]),
        account(2, rpps=RPPS[2], mail="ANNE@exemple.fr"),  # the login of RPPS[1]'s espace
        account(3, rpps=RPPS[3]),  # not synchronised from Ordinal
    ]
    assert codes(accounts, held) == ["espace_active", "email_taken", "no_doctor"]


def test_the_safety_limit_counts_overwritten_imports_only() -> None:
    assert threshold_refusal(PlanCounts(import_=1000), 0) is None
    assert threshold_refusal(PlanCounts(update=5), 100) is None
    refusal = threshold_refusal(PlanCounts(update=6), 100)
    assert refusal is not None and "6 of the 100 espaces imported earlier" in refusal and "5% safety limit" in refusal
    assert threshold_refusal(PlanCounts(update=6), 100, max_share=0.1) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Dr.Martin@Cabinet.fr", "dr.martin@cabinet.fr"),
        ("  a@b  ", "a@b"),
        ("o'brien+portail@exemple.fr", "o'brien+portail@exemple.fr"),
        ('"quoted"@exemple.fr', '"quoted"@exemple.fr'),
        ("a@[192.168.0.1]", "a@[192.168.0.1]"),
        ("x" * 65 + "@exemple.fr", None),
        ("a@exemple.fr.", None),
        ("a..b@exemple.fr", None),
        ("a@-exemple.fr", None),
        ("a b@exemple.fr", None),
        ("", None),
    ],
)
def test_login_emails_as_monespace_accepts_them(raw: str, expected: str | None) -> None:
    assert login_email(raw) == expected


def test_emails_are_masked_as_on_screen() -> None:
    assert mask_email("tutu1501@cn.medecin.fr") == "tu***01@cn.medecin.fr"
    assert mask_email("abc@x.fr") == "a***@x.fr"
    assert mask_email("a@x.fr") == "***@x.fr"
    assert mask_email(None) is None

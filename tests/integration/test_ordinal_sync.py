"""SPEC 7 Ordinal synchronisation against the harness Keycloak, through the bulk endpoint.

The tests share one realm of their own (the main realm's doctors would change the safety
limit's arithmetic); each test writes doctors with fresh RPPS numbers.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner, Result
from keycloak import KeycloakAdmin

from keycloak_connection.admin import AdminSettings, access_token
from ordinal_sync.apply import SyncResult, SyncSettings, sync_file
from ordinal_sync.keycloak_bulk import KeycloakBulk, UpsertCounts
from ordinal_sync.keycloak_mapping import KeycloakUser
from provisioning.cli import main
from provisioning.devstack.demo import DEMO_DIR, load_demo, read_accounts
from provisioning.realm.apply import apply_realm
from tests.conftest import MAIN_REALM
from tests.support.doctors import DoctorFactory
from tests.support.harness import Harness
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.ordinal import Row, write_csv
from tests.support.rpps import new_rpps

SYNC_REALM = "monespace-sync"
DEMO_REALM = "monespace-demo"
#: The conseils of these realms' groups (the main realm has all of them): a shorter apply.
SYNC_COUNCILS = ["75", "69", "2A"]
DEMO_COUNCILS = ["75", "69", "33", "13", "59", "31", "974", "67", "26"]
PASSWORD = "Cabinet-Medical-2026!"
# One disable among the realm's few dozen doctors is far above 5%: tests that are not about
# the safety limit lift it.
NO_LIMIT = 1.0


@pytest.fixture(scope="module")
def realm(harness: Harness, realms: dict[str, str]) -> str:
    master = harness.admin("master")
    apply_realm(master, {"realm": SYNC_REALM, **harness.smtp_values(), "councils": SYNC_COUNCILS})
    return SYNC_REALM


@pytest.fixture(scope="module")
def kc(harness: Harness, realm: str) -> KeycloakAdmin:
    return harness.admin(realm)


@pytest.fixture
def sync(kc: KeycloakAdmin, realm: str, tmp_path: Path) -> Callable[..., SyncResult]:
    """``sync(rows, **settings)``: write the rows as an Ordinal CSV and sync it in-process."""

    def run(rows: list[Row], **settings: object) -> SyncResult:
        source = write_csv(tmp_path / f"ordinal-{time.monotonic_ns()}.csv", rows)
        return sync_file(kc, source, settings=SyncSettings(realm=realm, **settings))  # type: ignore[arg-type]

    return run


@pytest.fixture
def cli(harness: Harness, realm: str, tmp_path: Path) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        env = {
            "MONESPACE_KEYCLOAK_URL": harness.keycloak_url,
            "MONESPACE_ADMIN_USER": harness.admin_user,
            "MONESPACE_ADMIN_PASSWORD": harness.admin_password,
            "MONESPACE_REALM": realm,
            "MONESPACE_SYNC_WORKDIR": str(tmp_path / "work"),  # the state file stays with the test
        }
        return CliRunner().invoke(main, ["ordinal", "sync", *args, "--progress", "none"], env=env)

    return run


def user(kc: KeycloakAdmin, rpps: str) -> dict | None:  # type: ignore[type-arg]
    found = kc.connection.raw_get(f"admin/realms/{kc.connection.realm_name}/users", username=rpps, exact="true")
    users = found.json()
    assert len(users) <= 1, f"duplicate users for {rpps}"
    if not users:
        return None
    return kc.connection.raw_get(f"admin/realms/{kc.connection.realm_name}/users/{users[0]['id']}").json()


def activate(kc: KeycloakAdmin, rpps: str, login_email: str) -> str:
    """The doctor activates an espace: login e-mail and password (what the creation journey sets)."""
    found = user(kc, rpps)
    assert found is not None
    kc.update_user(found["id"], {**found, "email": login_email, "emailVerified": True})
    kc.set_user_password(found["id"], PASSWORD, temporary=False)
    return str(found["id"])


def logged_in(harness: Harness, realm: str, login_email: str) -> Browser:
    browser = Browser(harness.keycloak_url, realm, HOME_REDIRECT)
    browser.login(login_email, PASSWORD)
    return browser


def sync_events(kc: KeycloakAdmin) -> int:
    events = kc.connection.raw_get(
        f"admin/realms/{kc.connection.realm_name}/admin-events", operationTypes="ACTION", max=10000
    ).json()
    return sum(1 for event in events if "monespace-sync" in (event.get("resourcePath") or ""))


# --- create, update, idempotence ------------------------------------------------------------------


@pytest.mark.smoke
def test_creates_doctors_whose_attributes_the_admin_api_reads_and_a_second_run_writes_nothing(
    kc: KeycloakAdmin, sync: Callable[..., SyncResult]
) -> None:
    rows = [Row(new_rpps()) for _ in range(3)]
    rows[1].mobile, rows[2].status = "04 75 67 80 99", "radie"
    first = sync(rows)
    assert (first.plan.create, first.applied.created) == (3, 3)
    claire = user(kc, rows[0].rpps)
    assert claire is not None and claire["enabled"] is True and claire["username"] == rows[0].rpps
    assert (claire["firstName"], claire["lastName"]) == ("Claire", "MARTIN")
    attributes = claire["attributes"]
    assert attributes["rpps"] == [rows[0].rpps]
    assert attributes["birthDate"] == ["1980-06-17"]
    assert attributes["mobilePhone"] == ["+33612345678"]
    assert attributes["correspondenceEmail"] == [f"corr.{rows[0].rpps}@exemple.fr"]
    assert (attributes["civility"], attributes["council"], attributes["ordinalStatus"]) == (
        ["MME"],
        ["75"],
        ["inscrit"],
    )
    assert len(attributes["ordinalHash"][0]) == 32
    assert "email" not in claire and not claire.get("requiredActions")
    landline = user(kc, rows[1].rpps)
    assert landline is not None and "mobilePhone" not in landline["attributes"]
    assert landline["attributes"]["landlinePhone"] == ["+33475678099"]
    struck_off = user(kc, rows[2].rpps)
    assert struck_off is not None and struck_off["enabled"] is False, "created disabled"

    events = sync_events(kc)
    again = sync(rows)
    assert again.plan.unchanged == 3 and again.to_write == 0
    assert again.applied == UpsertCounts()
    assert sync_events(kc) == events, "no batch was sent"


def test_an_activated_doctor_keeps_login_email_and_password_when_contact_details_change(
    harness: Harness, kc: KeycloakAdmin, realm: str, sync: Callable[..., SyncResult]
) -> None:
    row = Row(new_rpps())
    sync([row])
    login = f"dr.{row.rpps}@cabinet.fr"
    user_id = activate(kc, row.rpps, login)
    assert logged_in(harness, realm, login).redirected_to_app

    row.mobile, row.email, row.last = "07 81 23 45 22", "nouvelle.adresse@exemple.fr", "MARTIN-DURAND"
    result = sync([row], max_change_share=NO_LIMIT)
    assert (result.plan.update, result.applied.updated) == (1, 1)
    after = user(kc, row.rpps)
    assert after is not None
    assert after["attributes"]["mobilePhone"] == ["+33781234522"]
    assert after["attributes"]["correspondenceEmail"] == ["nouvelle.adresse@exemple.fr"]
    assert after["lastName"] == "MARTIN-DURAND"
    assert (after["email"], after["emailVerified"], after["enabled"]) == (login, True, True)
    credentials = kc.get_credentials(user_id)
    assert [c["type"] for c in credentials] == ["password"]
    assert logged_in(harness, realm, login).redirected_to_app, "the doctor still logs in"


def test_leaving_the_active_statuses_disables_and_ends_sessions_and_coming_back_re_enables(
    harness: Harness, kc: KeycloakAdmin, realm: str, sync: Callable[..., SyncResult]
) -> None:
    row = Row(new_rpps())
    sync([row])
    login = f"dr.{row.rpps}@cabinet.fr"
    user_id = activate(kc, row.rpps, login)
    browser = logged_in(harness, realm, login)
    tokens = browser.exchange_code()
    assert kc.get_sessions(user_id)

    row.status = "suspendu"
    result = sync([row], max_change_share=NO_LIMIT)
    assert (result.plan.disable, result.applied.disabled) == (1, 1)
    assert result.applied.sessions_ended >= 1
    after = user(kc, row.rpps)
    assert after is not None and after["enabled"] is False and after["attributes"]["ordinalStatus"] == ["suspendu"]
    assert kc.get_sessions(user_id) == []
    refreshed = browser.refresh(tokens)
    assert refreshed.status_code == 400 and refreshed.json()["error"] == "invalid_grant"

    row.status = "inscrit"
    result = sync([row], max_change_share=NO_LIMIT)
    assert (result.plan.re_enable, result.applied.enabled) == (1, 1)
    back = user(kc, row.rpps)
    assert back is not None and back["enabled"] is True and back["email"] == login
    assert logged_in(harness, realm, login).redirected_to_app


# --- operator safety ---------------------------------------------------------------------------------


def test_dry_run_prints_the_plan_and_writes_nothing(
    kc: KeycloakAdmin, cli: Callable[..., Result], tmp_path: Path
) -> None:
    rows = [Row(new_rpps()) for _ in range(2)]
    source = write_csv(tmp_path / "ordinal.csv", rows)
    result = cli(str(source), "--dry-run", "--report", str(tmp_path / "report.jsonl"))
    assert result.exit_code == 0, result.output
    assert "Dry run, nothing written" in result.output
    assert "to create                2" in result.output
    assert all(user(kc, row.rpps) is None for row in rows)


def test_a_run_above_the_safety_limit_is_refused_then_forced(
    kc: KeycloakAdmin, cli: Callable[..., Result], sync: Callable[..., SyncResult], tmp_path: Path
) -> None:
    row = Row(new_rpps())
    sync([row])
    row.status = "radie"
    source = write_csv(tmp_path / "radie.csv", [row])
    report = tmp_path / "report.jsonl"
    # One doctor among the realm's: above a 0.1% limit whatever the others.
    refused = cli(str(source), "--max-change-percent", "0.1", "--report", str(report))
    assert refused.exit_code == 4, refused.output
    assert "Refusing to apply: 1 of the" in refused.output and "--force" in refused.output
    current = user(kc, row.rpps)
    assert current is not None and current["enabled"] is True, "nothing written"
    assert json.loads(report.read_text().splitlines()[-1])["refusal"].startswith("Refusing to apply")
    forced = cli(str(source), "--max-change-percent", "0.1", "--force", "--report", str(report))
    assert forced.exit_code == 0, forced.output
    current = user(kc, row.rpps)
    assert current is not None and current["enabled"] is False


def test_rejected_records_are_reported_with_line_and_reason_and_exit_3(
    kc: KeycloakAdmin, cli: Callable[..., Result], tmp_path: Path
) -> None:
    good, bad = Row(new_rpps()), Row(new_rpps(), birth="31/02/1980")
    wrong_key = Row(good.rpps[:-1] + str((int(good.rpps[-1]) + 5) % 10))
    source = write_csv(tmp_path / "ordinal.csv", [good, bad, wrong_key])
    report = tmp_path / "report.jsonl"
    result = cli(str(source), "--report", str(report))
    assert result.exit_code == 3, result.output
    assert "rejected                 2  (line and reason in the report)" in result.output
    records = [json.loads(line) for line in report.read_text().splitlines()]
    # Records come out grouped by RPPS, so rejects are in RPPS order, not line order.
    rejects = sorted((r["lines"], r["code"], r["rpps"] or r["value"]) for r in records if r["type"] == "reject")
    assert rejects == [([3], "birth_date_invalid", bad.rpps), ([4], "rpps_checksum", wrong_key.rpps)]
    assert records[-1]["type"] == "summary" and records[-1]["exit_code"] == 3
    assert user(kc, good.rpps) is not None and user(kc, bad.rpps) is None


def test_a_sync_killed_mid_run_is_completed_by_the_next_without_duplicates(
    harness: Harness, kc: KeycloakAdmin, realm: str, tmp_path: Path
) -> None:
    rows = [Row(new_rpps(), first=f"Claire{n}") for n in range(1500)]
    source = write_csv(tmp_path / "ordinal.csv", rows)
    bulk = KeycloakBulk(kc, realm)
    before = sum(1 for _ in bulk.export())
    # Polled while the sync writes: a count, not a page-by-page export of every doctor.
    before_count = kc.users_count()
    env = {
        **os.environ,
        "MONESPACE_KEYCLOAK_URL": harness.keycloak_url,
        "MONESPACE_ADMIN_USER": harness.admin_user,
        "MONESPACE_ADMIN_PASSWORD": harness.admin_password,
    }
    monespace = str(Path(sys.executable).parent / "monespace")
    options = ["--realm", realm, "--batch-size", "50", "--parallel", "1", "--progress", "none", "--no-state"]
    command = [monespace, "ordinal", "sync", str(source), *options, "--report", str(tmp_path / "r.jsonl")]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    landed = 0
    while time.monotonic() < deadline and process.poll() is None:
        landed = kc.users_count() - before_count
        if landed >= 100:
            break
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert 0 < landed < len(rows), f"the kill should land mid-run ({landed} written)"

    resumed = sync_file(kc, source, settings=SyncSettings(realm=realm))
    assert resumed.plan.create + resumed.plan.unchanged == len(rows)
    assert resumed.plan.unchanged >= landed
    assert resumed.plan.update == 0, "a batch lands whole or not at all"
    assert sum(1 for _ in bulk.export()) - before == len(rows)
    assert all(user(kc, row.rpps) is not None for row in rows[:: len(rows) // 10])
    assert sync_file(kc, source, settings=SyncSettings(realm=realm)).to_write == 0


def test_a_batch_whose_answer_was_lost_is_sent_again_without_duplicating_its_new_doctors(
    kc: KeycloakAdmin, realm: str
) -> None:
    """The sync creates the doctors its export did not list without looking them up; a batch
    that landed but whose answer was lost comes again with that flag gone stale: Keycloak
    refuses it whole (409) and the client sends it again, each doctor looked up."""
    bulk = KeycloakBulk(kc, realm)
    rpps = new_rpps()
    doctor = KeycloakUser(
        rpps, True, {"rpps": [rpps], "firstName": ["Claire"], "ordinalHash": ["h1"], "council": ["75"]}, creating=True
    )
    assert bulk.upsert([doctor]) == UpsertCounts(created=1)
    assert bulk.upsert([doctor]) == UpsertCounts(unchanged=1)
    changed = KeycloakUser(rpps, True, {**doctor.attributes, "ordinalHash": ["h2"]}, creating=True)
    assert bulk.upsert([changed]) == UpsertCounts(updated=1)
    found = user(kc, rpps)  # one user, asserted by user()
    assert found is not None and found["attributes"]["ordinalHash"] == ["h2"]
    assert groups_of(kc, rpps) == ["conseil-75"]


# --- the endpoint's door ----------------------------------------------------------------------------


def service_account_secret(kc: KeycloakAdmin) -> str:
    client_uuid = kc.get_client_id("ordinal-sync")
    assert client_uuid is not None
    return str(kc.get_client_secrets(client_uuid)["value"])


def test_the_endpoint_refuses_tokens_without_the_role(
    harness: Harness, kc: KeycloakAdmin, realm: str, sync: Callable[..., SyncResult], doctors: DoctorFactory
) -> None:
    url = f"{harness.keycloak_url}/realms/{realm}/monespace-sync/doctors"
    assert requests.get(url, timeout=30).status_code == 401
    assert requests.get(url, headers={"Authorization": "Bearer not-a-token"}, timeout=30).status_code == 401

    row = Row(new_rpps())
    sync([row])
    login = f"dr.{row.rpps}@cabinet.fr"
    activate(kc, row.rpps, login)
    doctor_token = logged_in(harness, realm, login).exchange_code()["access_token"]
    doctor = {"Authorization": f"Bearer {doctor_token}"}
    assert requests.get(url, headers=doctor, timeout=30).status_code == 403
    body = {"doctors": [{"rpps": row.rpps, "enabled": True, "attributes": {"ordinalStatus": ["inscrit"]}}]}
    assert requests.post(url, json=body, headers=doctor, timeout=30).status_code == 403

    # A valid token of another realm (a doctor of the main realm) is not accepted here.
    elsewhere = doctors.create(login_email=f"dr.{new_rpps()}@ailleurs.fr", password=PASSWORD)
    assert elsewhere.login_email is not None
    other = Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT)
    other.login(elsewhere.login_email, PASSWORD)
    foreign = {"Authorization": f"Bearer {other.exchange_code()['access_token']}"}
    assert requests.get(url, headers=foreign, timeout=30).status_code == 401

    # The realm's ordinal-sync service account: the endpoint yes, the admin API no.
    token = requests.post(
        f"{harness.keycloak_url}/realms/{realm}/protocol/openid-connect/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "ordinal-sync",
            "client_secret": service_account_secret(kc),
        },
        timeout=30,
    ).json()["access_token"]
    service = {"Authorization": f"Bearer {token}"}
    assert requests.get(url, headers=service, params={"limit": 1}, timeout=30).status_code == 200
    admin_api = requests.get(f"{harness.keycloak_url}/admin/realms/{realm}/users", headers=service, timeout=30)
    assert admin_api.status_code == 403
    # A master administrator, who may manage the realm's users anyway, is let in.
    master = {"Authorization": f"Bearer {access_token(kc)}"}
    assert requests.get(url, headers=master, params={"limit": 1}, timeout=30).status_code == 200


def test_a_malformed_batch_is_refused_whole(harness: Harness, kc: KeycloakAdmin, realm: str) -> None:
    url = f"{harness.keycloak_url}/realms/{realm}/monespace-sync/doctors"
    rpps = new_rpps()
    body = {
        "doctors": [
            {"rpps": rpps, "enabled": True, "attributes": {"ordinalStatus": ["inscrit"]}},
            {"rpps": new_rpps(), "enabled": True, "attributes": {"email": ["pirate@exemple.fr"]}},
        ]
    }
    reply = requests.post(url, json=body, headers={"Authorization": f"Bearer {access_token(kc)}"}, timeout=30)
    assert reply.status_code == 400
    assert reply.json()["problems"] == ["doctors[1].attributes.email: not an attribute the sync may write"]
    assert user(kc, rpps) is None, "nothing of the batch was written"


def test_the_sync_runs_with_the_least_privilege_service_account(
    harness: Harness, kc: KeycloakAdmin, realm: str, tmp_path: Path
) -> None:
    row = Row(new_rpps())
    settings = AdminSettings(
        url=harness.keycloak_url,
        client_id="ordinal-sync",
        client_secret=service_account_secret(kc),
        token_realm=realm,
    )
    result = sync_file(settings, write_csv(tmp_path / "ordinal.csv", [row]), settings=SyncSettings(realm=realm))
    assert result.applied.created == 1 and user(kc, row.rpps) is not None


# --- demo data -----------------------------------------------------------------------------------------


def test_the_demo_loads_through_the_sync_and_its_accounts_log_in(harness: Harness) -> None:
    master = harness.admin("master")
    apply_realm(master, {"realm": DEMO_REALM, **harness.smtp_values(), "councils": DEMO_COUNCILS})
    admin = harness.admin(DEMO_REALM)
    first = load_demo(admin, DEMO_REALM)
    accounts = read_accounts(DEMO_DIR / "accounts.csv")
    assert first.sync.applied.created == first.sync.plan.create > 0
    assert first.activated == tuple(account.rpps for account in accounts)
    assert first.agents == ("agent.paris", "agent.lyon", "agent.national")
    again = load_demo(admin, DEMO_REALM)
    assert again.sync.to_write == 0 and again.activated == () and again.agents == ()
    for account in accounts:
        browser = Browser(harness.keycloak_url, DEMO_REALM, HOME_REDIRECT)
        browser.login(account.login_email, account.password)
        assert browser.redirected_to_app, account.login_email
        doctor = user(admin, account.rpps)
        assert doctor is not None and doctor["attributes"]["rpps"] == [account.rpps]


# --- groups of the conseils (support, realm/support.yaml) -------------------------------------------


def groups_of(kc: KeycloakAdmin, rpps: str) -> list[str]:
    found = user(kc, rpps)
    assert found is not None
    reply = kc.connection.raw_get(f"admin/realms/{kc.connection.realm_name}/users/{found['id']}/groups")
    return sorted(g["name"] for g in reply.json())


def test_each_doctor_joins_their_conseils_group_and_follows_a_move(
    kc: KeycloakAdmin, sync: Callable[..., SyncResult]
) -> None:
    """The support agents of a conseil see its doctors through this group (realm/support.yaml)."""
    paris, ajaccio, nowhere = new_rpps(), new_rpps(), new_rpps()
    sync([Row(paris, council="75"), Row(ajaccio, council="2a"), Row(nowhere, council="")], max_change_share=NO_LIMIT)
    assert groups_of(kc, paris) == ["conseil-75"]
    assert groups_of(kc, ajaccio) == ["conseil-2A"], "the code is normalised (2a → 2A)"
    assert groups_of(kc, nowhere) == ["conseil-inconnu"]
    # A doctor who moves changes group; one whose conseil has no group yet goes to conseil-inconnu.
    moved = sync(
        [Row(paris, council="69"), Row(ajaccio, council="13"), Row(nowhere, council="75")],
        max_change_share=NO_LIMIT,
    )
    assert moved.applied.updated == 3
    assert groups_of(kc, paris) == ["conseil-69"]
    assert groups_of(kc, ajaccio) == ["conseil-inconnu"]
    assert groups_of(kc, nowhere) == ["conseil-75"]
    # A doctor changed otherwise keeps their group; an administrator's other groups are left alone.
    found = user(kc, paris)
    assert found is not None
    extra = kc.connection.raw_post(
        f"admin/realms/{kc.connection.realm_name}/groups", data=json.dumps({"name": f"autre-{paris}"})
    )
    extra_id = extra.headers["Location"].rsplit("/", 1)[-1]
    kc.connection.raw_put(f"admin/realms/{kc.connection.realm_name}/users/{found['id']}/groups/{extra_id}", data="{}")
    sync([Row(paris, council="69", mobile="06 99 88 77 66")], max_change_share=NO_LIMIT)
    assert groups_of(kc, paris) == sorted(["conseil-69", f"autre-{paris}"])
    # A doctor synced before the groups existed (none) joins theirs at the next write of their record.
    conseil_69 = [g for g in kc.get_groups({"search": "conseil-69", "exact": "true"}) if g["name"] == "conseil-69"]
    kc.group_user_remove(found["id"], conseil_69[0]["id"])
    assert groups_of(kc, paris) == [f"autre-{paris}"]
    sync([Row(paris, council="69", mobile="06 99 88 77 55")], max_change_share=NO_LIMIT)
    assert groups_of(kc, paris) == sorted(["conseil-69", f"autre-{paris}"])


def test_created_doctors_hold_the_realms_default_role_and_groups_and_their_conseils_group(
    kc: KeycloakAdmin, sync: Callable[..., SyncResult]
) -> None:
    """The sync writes a batch's memberships in one statement per role or group (not the admin
    API's call per user): each new doctor still gets what a creation through the admin API gives."""
    realm = kc.connection.realm_name
    default_group = f"defaut-{new_rpps()}"
    group_id = kc.create_group({"name": default_group})
    kc.connection.raw_put(f"admin/realms/{realm}/default-groups/{group_id}", data="{}")
    try:
        doctors = [new_rpps() for _ in range(3)]
        sync([Row(doctors[0], council="75"), Row(doctors[1], council="75"), Row(doctors[2], council="")],
             max_change_share=NO_LIMIT)  # fmt: skip
        default_role = kc.get_realm(realm)["defaultRole"]["name"]
        for rpps, conseil in zip(doctors, ["conseil-75", "conseil-75", "conseil-inconnu"], strict=True):
            found = user(kc, rpps)
            assert found is not None
            assert [role["name"] for role in kc.get_realm_roles_of_user(found["id"])] == [default_role]
            assert groups_of(kc, rpps) == sorted([conseil, default_group])
    finally:
        kc.connection.raw_delete(f"admin/realms/{realm}/default-groups/{group_id}")
        kc.delete_group(group_id)

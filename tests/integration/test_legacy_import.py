"""Issue 13: the old portal's espaces brought into MonEspace, against the harness Keycloak.

The import attaches login e-mail and portal password hash to doctors already loaded; the doctor
signs in with the old e-mail and password, Keycloak re-hashes the password with Argon2, and a weak
portal password must then be renewed. The tests share a realm of their own (the safety limit's
arithmetic must not see other tests' doctors) and write fresh doctors and exports each.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner, Result
from keycloak import KeycloakAdmin

from keycloak_connection.admin import AdminSettings, access_token, connect
from legacy_import.apply import ImportResult, ImportSettings, import_files
from provisioning.cli import main
from provisioning.devstack.demo import load_demo
from provisioning.realm.apply import apply_realm
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.drupal import PortalUser, php_hashes, write_drupal7_csv, write_drupal8_csv
from tests.support.harness import Harness
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.pages import Page
from tests.support.rpps import new_rpps, with_wrong_key

LEGACY_REALM = "monespace-legacy"
DEMO_REALM = "monespace-legacy-demo"
DEMO = Path(__file__).resolve().parents[2] / "demo" / "legacy"
GENERIC = "E-mail ou mot de passe incorrect."
STRONG = "Portail-Cabinet-2019!"
NO_LIMIT = 1.0


@pytest.fixture(scope="module")
def realm(harness: Harness, realms: dict[str, str]) -> str:
    apply_realm(harness.admin("master"), {"realm": LEGACY_REALM, **harness.smtp_values()})
    return LEGACY_REALM


@pytest.fixture(scope="module")
def kc(harness: Harness, realm: str) -> KeycloakAdmin:
    return harness.admin(realm)


@pytest.fixture(scope="module")
def factory(kc: KeycloakAdmin) -> DoctorFactory:
    return DoctorFactory(kc)


@pytest.fixture
def run(kc: KeycloakAdmin, realm: str, tmp_path: Path) -> Callable[..., ImportResult]:
    """``run(paths, **settings)``: import in-process, the report in tmp_path/report.jsonl."""

    def go(paths: Sequence[Path], **settings: object) -> ImportResult:
        options = {"realm": realm, "max_change_share": NO_LIMIT, **settings}
        return import_files(kc, list(paths), settings=ImportSettings(**options), report_path=tmp_path / "report.jsonl")  # type: ignore[arg-type]

    return go


@pytest.fixture
def cli(harness: Harness, realm: str) -> Callable[..., Result]:
    def invoke(*args: str, token_env: dict[str, str] | None = None) -> Result:
        env = {
            "MONESPACE_KEYCLOAK_URL": harness.keycloak_url,
            "MONESPACE_ADMIN_USER": harness.admin_user,
            "MONESPACE_ADMIN_PASSWORD": harness.admin_password,
            "MONESPACE_REALM": realm,
            **(token_env or {}),
        }
        return CliRunner().invoke(main, ["legacy", "import", *args, "--progress", "none"], env=env)

    return invoke


def portal_users(doctors: Sequence[Doctor], hashes: Sequence[str], first_uid: int = 100) -> list[PortalUser]:
    return [
        PortalUser(first_uid + i, f"dr{d.rpps}", f"portail.{d.rpps}@exemple.fr", h, d.rpps)
        for i, (d, h) in enumerate(zip(doctors, hashes, strict=True))
    ]


def user_of(kc: KeycloakAdmin, rpps: str) -> dict:  # type: ignore[type-arg]
    found = kc.connection.raw_get(f"admin/realms/{kc.connection.realm_name}/users", username=rpps, exact="true").json()
    assert len(found) == 1, rpps
    return kc.connection.raw_get(f"admin/realms/{kc.connection.realm_name}/users/{found[0]['id']}").json()


def password_algorithm(kc: KeycloakAdmin, user_id: str) -> str | None:
    credentials = kc.connection.raw_get(f"admin/realms/{kc.connection.realm_name}/users/{user_id}/credentials").json()
    passwords = [c for c in credentials if c["type"] == "password"]
    return json.loads(passwords[0]["credentialData"])["algorithm"] if passwords else None


def failures(kc: KeycloakAdmin, user_id: str) -> int:
    path = f"admin/realms/{kc.connection.realm_name}/attack-detection/brute-force/users/{user_id}"
    return int(kc.connection.raw_get(path).json().get("numFailures", 0))


def failures_reach(kc: KeycloakAdmin, user_id: str, count: int) -> Callable[[], bool]:
    return lambda: failures(kc, user_id) >= count


def report(tmp_path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in (tmp_path / "report.jsonl").read_text(encoding="utf-8").splitlines()]


def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Keycloak re-hashes after the login's transaction: poll briefly for it."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.2)


def login(harness: Harness, realm: str, email: str, password: str) -> Browser:
    browser = Browser(harness.keycloak_url, realm, HOME_REDIRECT)
    browser.login(email, password)
    return browser


# --- attaching ----------------------------------------------------------------------------------


def test_accounts_join_their_doctors_with_email_and_portal_hash_and_a_second_run_imports_nothing(
    kc: KeycloakAdmin, factory: DoctorFactory, run: Callable[..., ImportResult], tmp_path: Path
) -> None:
    doctors = [factory.create() for _ in range(3)]
    before = {d.rpps: user_of(kc, d.rpps) for d in doctors}
    users_before = kc.users_count()
    hashes = php_hashes([("S", 15, STRONG), ("2y", 10, STRONG), ("U", 15, STRONG)])
    export = write_drupal7_csv(tmp_path / "portal", portal_users(doctors, hashes))
    first = run(export)
    assert (first.exit_code, first.applied) == (0, {"imported": 3})
    for doctor, algorithm in zip(doctors, ("drupal-sha512", "php-bcrypt", "drupal-md5-sha512"), strict=True):
        user = user_of(kc, doctor.rpps)
        assert user["email"] == f"portail.{doctor.rpps}@exemple.fr" and user["emailVerified"] is True
        assert user["attributes"]["legacyAccount"] == [f"drupal:{100 + doctors.index(doctor)}"]
        # The Ordinal attributes are as the sync left them; no user was created.
        ordinal = {k: v for k, v in user["attributes"].items() if k != "legacyAccount"}
        assert ordinal == before[doctor.rpps]["attributes"]
        assert password_algorithm(kc, user["id"]) == algorithm
    assert kc.users_count() == users_before
    second = run(export)
    assert (second.exit_code, second.plan.unchanged, second.to_write, second.applied) == (0, 3, 0, {})


def test_a_dry_run_plans_the_same_and_writes_nothing(
    kc: KeycloakAdmin, factory: DoctorFactory, run: Callable[..., ImportResult], tmp_path: Path
) -> None:
    doctors = [factory.create() for _ in range(2)]
    export = write_drupal8_csv(tmp_path / "d8", portal_users(doctors, php_hashes([("S", 7, STRONG)] * 2)))
    dry = run(export, dry_run=True)
    assert (dry.exit_code, dry.plan.import_, dry.applied) == (0, 2, {})
    assert all(password_algorithm(kc, user_of(kc, d.rpps)["id"]) is None for d in doctors)
    assert all("email" not in user_of(kc, d.rpps) for d in doctors)
    assert report(tmp_path)[-1]["dry_run"] is True
    real = run(export)
    assert real.applied == {"imported": 2}


# --- signing in ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "strength"),
    [("S", 15), ("S", 16), ("U", 15), ("H", 8), ("P", 13), ("2y", 10), ("2a", 8), ("2b", 8)],
)
def test_each_portal_scheme_signs_in_once_then_the_password_is_argon2(
    harness: Harness,
    kc: KeycloakAdmin,
    factory: DoctorFactory,
    run: Callable[..., ImportResult],
    realm: str,
    tmp_path: Path,
    scheme: str,
    strength: int,
) -> None:
    doctor = factory.create()
    (made,) = php_hashes([(scheme, strength, STRONG)])
    run(write_drupal7_csv(tmp_path / "portal", portal_users([doctor], [made])))
    email = f"portail.{doctor.rpps}@exemple.fr"
    user_id = user_of(kc, doctor.rpps)["id"]
    assert password_algorithm(kc, user_id) != "argon2"
    assert not login(harness, realm, email, "Mauvais-Passe-2019!").redirected_to_app
    browser = login(harness, realm, email.upper(), STRONG)
    assert browser.redirected_to_app, browser.page.box_text() if browser.page else ""
    wait_for(lambda: password_algorithm(kc, user_id) == "argon2")
    # The portal hash is gone; the same password goes on working, and nothing else does.
    assert made not in json.dumps(kc.connection.raw_get(f"admin/realms/{realm}/users/{user_id}/credentials").json())
    assert login(harness, realm, email, STRONG).redirected_to_app
    assert not login(harness, realm, email, STRONG + "x").redirected_to_app


def test_wrong_password_truncated_hash_and_unknown_scheme_are_failed_logins_counted_by_brute_force(
    harness: Harness, kc: KeycloakAdmin, factory: DoctorFactory, realm: str
) -> None:
    (made,) = php_hashes([("S", 7, STRONG)])
    cases = {
        "wrong": ("drupal-sha512", made, "Autre-Passe-2019!"),
        "truncated": ("drupal-sha512", made[:-1], STRONG),
        "unknown": ("drupal-sha1", "sha1$a1976$a36cc8cbf81742a8fb52e221aaeab48ed7f58ab4", STRONG),
        "garbage": ("php-bcrypt", "$2y$10$" + "!" * 53, STRONG),
    }
    for name, (algorithm, stored, typed) in cases.items():
        rpps = new_rpps()
        email = f"{name}.{rpps}@exemple.fr"
        credential = {
            "type": "password",
            "credentialData": json.dumps({"hashIterations": 0, "algorithm": algorithm}),
            "secretData": json.dumps({"value": stored}),
        }
        user_id = kc.create_user(
            {
                "username": rpps,
                "email": email,
                "enabled": True,
                "attributes": {"rpps": [rpps]},
                "credentials": [credential],
            }
        )
        for attempt in range(1, 3):
            browser = login(harness, realm, email, typed)
            page = browser.page
            assert page is not None and page.status == 200 and not browser.redirected_to_app, name
            assert GENERIC in page.box_text(), name
            # Keycloak records a failure on its "bruteforce" executor, after the answer: wait for it.
            wait_for(failures_reach(kc, user_id, attempt))
            assert failures(kc, user_id) == attempt, name


# --- a weak portal password -------------------------------------------------------------------------


def renewal(page: Page | None) -> Page:
    assert page is not None and page.heading == "Renouvelez votre mot de passe", page.text[:300] if page else ""
    return page


def test_a_weak_portal_password_signs_in_once_then_must_be_renewed_on_monespaces_screen(
    harness: Harness, kc: KeycloakAdmin, factory: DoctorFactory, run: Callable[..., ImportResult], realm: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    doctor = factory.create()
    weak = "docteur1980"
    run(write_drupal7_csv(tmp_path / "portal", portal_users([doctor], php_hashes([("S", 15, weak)]))))
    email = f"portail.{doctor.rpps}@exemple.fr"
    user_id = user_of(kc, doctor.rpps)["id"]
    browser = login(harness, realm, email, weak)
    page = renewal(browser.page)
    assert not browser.redirected_to_app
    assert "ne respecte plus les règles de sécurité" in page.box_text()
    assert page.input_value("password-new") is not None and page.has_field("password-confirm")
    assert "Sécurité du mot de passe :" in page.text and email in str(page.soup.find(id="me-login-email"))
    # Already re-hashed: Argon2, but still the weak password until the doctor chooses another.
    wait_for(lambda: password_algorithm(kc, user_id) == "argon2")
    assert user_of(kc, doctor.rpps)["requiredActions"] == ["monespace-password-renewal"]
    # Closing the page changes nothing: the next login asks again.
    again = login(harness, realm, email, weak)
    renewal(again.page)
    refused = again.submit({"password-new": "docteur19801980", "password-confirm": "docteur19801980"})
    assert renewal(refused).field_error("password-new")
    mismatch = again.submit({"password-new": "Nouveau-Cabinet-2026!", "password-confirm": "Nouveau-Cabinet-2026?"})
    assert renewal(mismatch).field_error("password-confirm")
    again.submit({"password-new": "Nouveau-Cabinet-2026!", "password-confirm": "Nouveau-Cabinet-2026!"})
    assert again.redirected_to_app
    assert user_of(kc, doctor.rpps)["requiredActions"] == []
    assert not login(harness, realm, email, weak).redirected_to_app
    assert login(harness, realm, email, "Nouveau-Cabinet-2026!").redirected_to_app


def test_the_renewal_can_never_be_asked_for_by_an_application(
    harness: Harness, factory: DoctorFactory, run: Callable[..., ImportResult], realm: str, tmp_path: Path
) -> None:
    doctor = factory.create()
    run(write_drupal7_csv(tmp_path / "portal", portal_users([doctor], php_hashes([("S", 7, STRONG)]))))
    browser = login(harness, realm, f"portail.{doctor.rpps}@exemple.fr", STRONG)
    assert browser.redirected_to_app
    # Someone holding the doctor's session asks for the action that sets a password without the current one.
    browser.get(browser.authorize_url(kc_action="monespace-password-renewal"))
    assert browser.redirected_to_app and "kc_action_status=error" in browser.app_redirect()


# --- refusals -----------------------------------------------------------------------------------------


def test_every_reason_of_the_report_with_its_line(
    kc: KeycloakAdmin, factory: DoctorFactory, cli: Callable[..., Result], tmp_path: Path
) -> None:
    (made,) = php_hashes([("S", 7, STRONG)])
    active = factory.create(login_email=f"actif.{new_rpps()}@exemple.fr", password=STRONG)
    taken_by = factory.create(login_email=f"pris.{new_rpps()}@exemple.fr", password=STRONG)
    fresh = [factory.create() for _ in range(8)]
    unknown = new_rpps()  # never synchronised
    users = [
        PortalUser(1, "ok", f"ok.{fresh[0].rpps}@exemple.fr", made, fresh[0].rpps),
        PortalUser(2, "bloque", f"b.{fresh[1].rpps}@exemple.fr", made, fresh[1].rpps, status=0),
        PortalUser(3, "sansrpps", "sans.rpps@exemple.fr", made, None),
        PortalUser(4, "format", "format@exemple.fr", made, "1234"),
        PortalUser(5, "luhn", "luhn@exemple.fr", made, with_wrong_key(fresh[2].rpps[:10])),
        PortalUser(6, "mail", "pas-une-adresse", made, fresh[3].rpps),
        PortalUser(7, "md5", f"md5.{fresh[4].rpps}@exemple.fr", "5f4dcc3b5aa765d61d8327deb882cf99", fresh[4].rpps),
        PortalUser(8, "double1", f"d1.{fresh[5].rpps}@exemple.fr", made, fresh[5].rpps),
        PortalUser(9, "double2", f"d2.{fresh[5].rpps}@exemple.fr", made, fresh[5].rpps),
        PortalUser(10, "secr1", f"secretariat.{fresh[6].rpps}@exemple.fr", made, fresh[6].rpps),
        PortalUser(11, "secr2", f"Secretariat.{fresh[6].rpps}@exemple.fr", made, fresh[7].rpps),
        PortalUser(12, "inconnu", f"inconnu.{unknown}@exemple.fr", made, unknown),
        PortalUser(13, "actif", f"autre.{active.rpps}@exemple.fr", made, active.rpps),
        PortalUser(14, "pris", taken_by.login_email or "", made, fresh[2].rpps),
    ]
    export = write_drupal7_csv(tmp_path / "portal", users)
    result = cli(*map(str, export), "--report", str(tmp_path / "report.jsonl"))
    assert result.exit_code == 3, result.output
    lines = {line["uid"]: line for line in report(tmp_path) if line["type"] == "reject"}
    expected = {
        "2": "blocked_account", "3": "rpps_missing", "4": "rpps_format", "5": "rpps_checksum", "6": "email_invalid",
        "7": "hash_unknown_scheme", "8": "rpps_shared", "9": "rpps_shared", "10": "email_shared",
        "11": "email_shared", "12": "no_doctor", "13": "espace_active", "14": "email_taken",
    }  # fmt: skip
    assert {uid: line["code"] for uid, line in lines.items()} == expected
    for uid, line in lines.items():
        assert line["lines"] == [int(uid) + 1] and line["source"] == "users.csv" and line["message"]
    # Refused accounts leave their doctors as they were: the active espace keeps its login.
    assert user_of(kc, active.rpps)["email"] == active.login_email
    assert user_of(kc, fresh[0].rpps)["email"] == f"ok.{fresh[0].rpps}@exemple.fr"
    assert all("email" not in user_of(kc, d.rpps) for d in fresh[1:])
    summary = report(tmp_path)[-1]
    assert summary["applied"] == {"imported": 1} and summary["exit_code"] == 3


def test_the_safety_limit_refuses_an_export_overwriting_many_imported_espaces(
    kc: KeycloakAdmin, factory: DoctorFactory, run: Callable[..., ImportResult], tmp_path: Path
) -> None:
    doctors = [factory.create() for _ in range(4)]
    run(write_drupal7_csv(tmp_path / "a", portal_users(doctors, php_hashes([("S", 7, STRONG)] * 4))))
    changed = portal_users(doctors, php_hashes([("S", 7, "Autre-Passe-2020!")] * 4))
    refused = run(write_drupal7_csv(tmp_path / "b", changed), max_change_share=0.05)
    assert refused.exit_code == 4 and refused.refusal is not None and refused.applied == {}
    assert "espaces imported earlier" in refused.refusal and report(tmp_path)[-1]["exit_code"] == 4
    # Nothing was written: the same export would still change all four.
    assert run(write_drupal7_csv(tmp_path / "b", changed), dry_run=True).plan.update == 4
    forced = run(write_drupal7_csv(tmp_path / "b", changed), max_change_share=0.05, force=True)
    assert forced.exit_code == 0 and forced.applied == {"updated": 4}


def test_undo_removes_unused_imports_and_keeps_the_espaces_doctors_signed_in_to(
    harness: Harness, kc: KeycloakAdmin, factory: DoctorFactory, run: Callable[..., ImportResult], realm: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    doctors = [factory.create() for _ in range(2)]
    export = write_drupal7_csv(tmp_path / "p", portal_users(doctors, php_hashes([("S", 7, STRONG)] * 2)))
    run(export)
    used, unused = (f"portail.{d.rpps}@exemple.fr" for d in doctors)
    assert login(harness, realm, used, STRONG).redirected_to_app
    wait_for(lambda: password_algorithm(kc, user_of(kc, doctors[0].rpps)["id"]) == "argon2")
    env = {
        "MONESPACE_KEYCLOAK_URL": harness.keycloak_url,
        "MONESPACE_ADMIN_USER": harness.admin_user,
        "MONESPACE_ADMIN_PASSWORD": harness.admin_password,
    }
    undo = CliRunner().invoke(main, ["legacy", "undo", "--realm", realm, "--progress", "none",
                                     "--report", str(tmp_path / "undo.jsonl")], env=env)  # fmt: skip
    assert undo.exit_code == 0, undo.output
    summary = json.loads((tmp_path / "undo.jsonl").read_text().splitlines()[-1])
    assert summary["applied"].get("undone", 0) >= 1 and summary["signed_in"] >= 1
    gone = user_of(kc, doctors[1].rpps)
    assert "email" not in gone and "legacyAccount" not in gone["attributes"]
    assert password_algorithm(kc, gone["id"]) is None
    assert not login(harness, realm, unused, STRONG).redirected_to_app
    assert login(harness, realm, used, STRONG).redirected_to_app
    # Undone, the export imports again.
    assert run(export).applied == {"imported": 1}


# --- least privilege ----------------------------------------------------------------------------------


def test_the_import_service_account_opens_the_import_endpoint_and_nothing_else(
    harness: Harness, kc: KeycloakAdmin, realm: str, factory: DoctorFactory, cli: Callable[..., Result], tmp_path: Path
) -> None:
    client = kc.get_clients()
    client_id = next(c["id"] for c in client if c["clientId"] == "legacy-import")
    secret = kc.connection.raw_get(f"admin/realms/{realm}/clients/{client_id}/client-secret").json()["value"]
    env = {
        "MONESPACE_ADMIN_CLIENT_ID": "legacy-import",
        "MONESPACE_ADMIN_CLIENT_SECRET": secret,
        "MONESPACE_ADMIN_TOKEN_REALM": realm,
    }
    doctor = factory.create()
    export = write_drupal8_csv(tmp_path / "p", portal_users([doctor], php_hashes([("S", 7, STRONG)])))
    result = cli(*map(str, export), "--report", str(tmp_path / "report.jsonl"), token_env=env)
    assert result.exit_code == 0, result.output
    token = access_token(connect(AdminSettings(url=harness.keycloak_url, client_id="legacy-import",
                                               client_secret=secret, token_realm=realm)))  # fmt: skip
    headers = {"Authorization": f"Bearer {token}"}
    base = f"{harness.keycloak_url}/admin/realms/{realm}"
    assert requests.get(f"{base}/users", headers=headers, timeout=10).status_code == 403
    sync = requests.get(f"{harness.keycloak_url}/realms/{realm}/monespace-sync/doctors", headers=headers, timeout=10)
    assert sync.status_code == 403
    anonymous = requests.get(f"{harness.keycloak_url}/realms/{realm}/monespace-legacy/doctors", timeout=10)
    assert anonymous.status_code == 401


# --- the demo -------------------------------------------------------------------------------------------


def test_the_demo_exports_import_into_the_demo_doctors_who_then_sign_in(
    harness: Harness, realms: dict[str, str], tmp_path: Path
) -> None:
    apply_realm(harness.admin("master"), {"realm": DEMO_REALM, **harness.smtp_values()})
    admin = harness.admin(DEMO_REALM)
    load_demo(admin, DEMO_REALM)
    settings = ImportSettings(realm=DEMO_REALM)
    d7 = import_files(admin, [DEMO / "drupal7" / "mysql-dump.sql"], settings=settings, report_path=tmp_path / "7.jsonl")
    d10 = import_files(admin, [DEMO / "drupal10" / "postgresql-dump.sql"], settings=settings)
    assert (d7.exit_code, d7.applied, d10.exit_code, d10.applied) == (3, {"imported": 3}, 3, {"imported": 3})
    assert dict(d7.plan.by_code) == {
        "rpps_missing": 1, "blocked_account": 1, "rpps_checksum": 1, "no_doctor": 1, "email_shared": 2,
        "espace_active": 1, "hash_unknown_scheme": 1, "email_taken": 1,
    }  # fmt: skip
    signs_in = {
        "paul.lefevre@exemple.fr": "Lefevre-Cabinet-2019!",
        "antoine.mercier@exemple.fr": "Chirurgie*Lyon1998",
        "chloe.robin@exemple.fr": "Robin-Pediatrie-2021!",
        "louis.gauthier@exemple.fr": "Gauthier.Cardio.Nantes44",
    }
    for email, password in signs_in.items():
        assert login(harness, DEMO_REALM, email, password).redirected_to_app, email
    for email, password in {"julie.fournier@exemple.fr": "julie1234", "camille.perrin@exemple.fr": "camille75"}.items():
        renewal(login(harness, DEMO_REALM, email, password).page)
    # The demo's own espaces are untouched: Marie Durand still signs in with her MonEspace password.
    assert login(harness, DEMO_REALM, "marie.durand@exemple.fr", "Cabinet-Durand-2026!").redirected_to_app

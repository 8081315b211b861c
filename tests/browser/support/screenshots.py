"""The screenshots of the README « Support des conseils », taken in chromium against a running
dev stack (`scripts/run --support-port 8001`), never by hand:

    .venv/bin/python -m tests.browser.support.screenshots --keycloak-url http://localhost:8080 \\
        --home-url http://localhost:8000 --support-url http://localhost:8001

A demo doctor of Paris (Marie Durand, RPPS 10001000057) types wrong passwords at the home until
Keycloak locks her login; an agent of the conseil de Paris made for the run (password + TOTP,
deleted at the end) signs in to the support page, finds her by name and opens her page, which
shows the lock; the script then lifts it with a reason, as an agent would, and writes
docs/support-recherche.png and docs/support-medecin.png.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import click
from keycloak import KeycloakAdmin
from playwright.sync_api import Page, expect, sync_playwright

from provisioning.devstack.paths import ROOT
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.support.agents import AGENT_PASSWORD, Agent, otp_credential

DOCS = ROOT / "docs"
DOCTOR_LOGIN = "marie.durand@exemple.fr"
DOCTOR_NAME = "DURAND"
REASON = "Appel de la Dre Durand, identité vérifiée par téléphone"


def make_agent(admin: KeycloakAdmin) -> Agent:
    """An agent of the conseil de Paris, in service (password and TOTP app), for this run only."""
    username = f"agent.captures.{secrets.token_hex(3)}"
    secret = secrets.token_hex(10).encode()
    user_id = admin.create_user(
        {
            "username": username,
            "enabled": True,
            "firstName": "Paul",
            "lastName": "Agent-Paris",
            "credentials": [
                {"type": "password", "value": AGENT_PASSWORD, "temporary": False},
                otp_credential(secret),
            ],
        },
        exist_ok=False,
    )
    group = [g for g in admin.get_groups({"search": "agents-conseil-75", "exact": "true"})]
    admin.group_user_add(user_id, group[0]["id"])
    return Agent(user_id, username, AGENT_PASSWORD, secret)


def lock_doctor(page: Page, home_url: str) -> None:
    """Wrong passwords at the home's login page until Keycloak's brute-force detector locks her."""
    for _ in range(5):
        page.goto(home_url)
        page.get_by_label("E-mail").fill(DOCTOR_LOGIN)
        page.get_by_label("Mot de passe", exact=True).fill("Mauvais-Mot-2026!")
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_load_state("load")


def capture(page: Page, support_url: str, agent: Agent, out: Path) -> list[Path]:
    page.goto(support_url)
    page.get_by_label("Identifiant d'agent").fill(agent.username)
    page.get_by_label("Mot de passe", exact=True).fill(agent.password)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_label("Code à usage unique").fill(agent.code())
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("h1")).to_have_text("Rechercher un médecin")
    page.get_by_label("Numéro RPPS ou nom du médecin").fill(DOCTOR_NAME)
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#ms-results")).to_be_visible()
    search = out / "support-recherche.png"
    page.screenshot(path=str(search), full_page=True)
    page.locator("#ms-results a").first.click()
    expect(page.locator("#ms-blocks")).to_contain_text("Verrouillage de la connexion")
    doctor = out / "support-medecin.png"
    page.screenshot(path=str(doctor), full_page=True)
    page.locator("#reason-unlock").fill(REASON)
    page.locator("#ms-do-unlock").click()
    expect(page.locator("#me-notice")).to_contain_text("levés")
    page.locator("#ms-logout").click()
    return [search, doctor]


@click.command()
@click.option("--keycloak-url", default="http://localhost:8080", show_default=True)
@click.option("--home-url", default="http://localhost:8000", show_default=True)
@click.option("--support-url", default="http://localhost:8001", show_default=True)
@click.option("--realm", default="monespace", show_default=True)
@click.option("--admin-user", envvar="MONESPACE_ADMIN_USER", default="admin", show_default=True)
@click.option("--admin-password", envvar="MONESPACE_ADMIN_PASSWORD", default="admin")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DOCS, show_default=True)
def main(
    keycloak_url: str,
    home_url: str,
    support_url: str,
    realm: str,
    admin_user: str,
    admin_password: str,
    out: Path,
) -> None:
    """Take the README's screenshots of the support page against a running dev stack."""
    admin = KeycloakAdmin(
        server_url=f"{keycloak_url}/",
        username=admin_user,
        password=admin_password,
        realm_name=realm,
        user_realm_name="master",
    )
    out.mkdir(parents=True, exist_ok=True)
    agent = make_agent(admin)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            context = browser.new_context(locale="fr-FR", viewport={"width": 1100, "height": 800})
            page = context.new_page()
            page.set_default_timeout(20_000)
            lock_doctor(page, home_url)
            context.clear_cookies()
            for path in capture(page, support_url.rstrip("/"), agent, out):
                click.echo(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            browser.close()
    finally:
        admin.delete_user(agent.id)


if __name__ == "__main__":
    main()

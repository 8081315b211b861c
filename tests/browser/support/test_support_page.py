"""The support page of the conseils (README « Support des conseils ») in chromium, by keyboard
only: an agent of the conseil de Paris signs in (password, then the code of their TOTP app),
finds a doctor of Paris locked out of MonEspace, lifts the lock with a reason; the doctor then
signs in at the home. axe-core checks every page on the way."""

from __future__ import annotations

import secrets

from playwright.sync_api import Page, expect

from monespace_home import HomeServer
from monespace_support import SupportServer
from tests.browser.conftest import Axe
from tests.browser.helpers import expect_login_page, focused_description, log_in
from tests.browser.home.helpers import PASSWORD, expect_mes_services
from tests.conftest import MAIN_REALM
from tests.support.agents import Agent, AgentFactory
from tests.support.doctors import Doctor, DoctorFactory
from tests.support.harness import Harness
from tests.support.oidc import HOME_REDIRECT, Browser

REASON = "Appel du médecin le 04/12, identité vérifiée par téléphone"


def tab_to(page: Page, element_id: str, most: int = 40) -> None:
    """Tab (never the mouse) until the element with this id has the focus."""
    for _ in range(most):
        if focused_description(page) == f"#{element_id}":
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} never reached with Tab (focus on {focused_description(page)})")


def type_into(page: Page, element_id: str, text: str) -> None:
    tab_to(page, element_id)
    page.keyboard.type(text)


def locked_out_doctor(harness: Harness, doctors: DoctorFactory, council: str = "75") -> tuple[Doctor, str]:
    """A doctor of `council` with an espace, whose wrong passwords locked their login; their last name."""
    name = "Verrou" + "".join(secrets.choice("bcdfghjklmnpqrstvwxz") for _ in range(5))
    doctor = doctors.create(
        council=council,
        login_email=f"dr.{secrets.token_hex(4)}@cabinet.fr",
        password=PASSWORD,
        first_name="Camille",
        last_name=name,
    )
    for _ in range(5):
        Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT).login(doctor.login_email or "", "Mauvais-2026!")
    return doctor, name


def agent_signs_in(page: Page, axe: Axe, support: SupportServer, agent: Agent) -> None:
    page.goto(support.url)
    expect(page.locator("h1")).to_have_text("Assistance des conseils – connexion des agents")
    axe("agent-login")
    type_into(page, "username", agent.username)
    type_into(page, "password", agent.password)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Code de votre application d'authentification")
    axe("agent-otp")
    assert focused_description(page) == "#otp", "the code field has the focus"
    page.keyboard.type(agent.code())
    page.keyboard.press("Enter")
    page.wait_for_url(f"{support.url}/")
    expect(page.locator("h1")).to_have_text("Rechercher un médecin")
    expect(page.locator("#ms-agent")).to_contain_text("conseil 75")
    axe("search")


def test_an_agent_unlocks_a_locked_out_doctor_by_keyboard_and_the_doctor_signs_in(
    page: Page,
    axe: Axe,
    harness: Harness,
    support: SupportServer,
    home: HomeServer,
    agents: AgentFactory,
    doctors: DoctorFactory,
) -> None:
    agent = agents.create("agents-conseil-75")
    doctor, name = locked_out_doctor(harness, doctors)
    stranger, stranger_name = locked_out_doctor(harness, doctors, council="69")
    agent_signs_in(page, axe, support, agent)

    # By name: the results list the doctors of Paris only.
    type_into(page, "q", name[:8])
    page.keyboard.press("Enter")
    expect(page.locator("#ms-results tbody tr")).to_have_count(1)
    axe("results")
    link = page.get_by_role("link", name=f"{name} Camille")
    for _ in range(10):
        if page.evaluate("document.activeElement.textContent.trim()") == f"{name} Camille":
            break
        page.keyboard.press("Tab")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#ms-doctor-rpps")).to_have_text(doctor.rpps)
    expect(page.locator("#ms-blocks")).to_contain_text("Verrouillage de la connexion")
    axe("doctor-locked")

    # A reason too short: nothing done, the error says so next to the field, which gets the
    # focus with what was typed (an empty one the browser itself refuses: the field is required).
    tab_to(page, "limit-login-lockout")
    expect(page.locator("#limit-login-lockout")).to_be_checked()
    type_into(page, "reason-unlock", "ok")
    tab_to(page, "ms-do-unlock")
    page.keyboard.press("Enter")
    expect(page.locator("#reason-unlock-error")).to_contain_text("motif")
    expect(page.locator("#ms-blocks")).to_contain_text("Verrouillage de la connexion")
    assert focused_description(page) == "#reason-unlock"
    axe("reason-too-short")
    page.keyboard.press("Control+A")
    page.keyboard.type(REASON)
    tab_to(page, "ms-do-unlock")
    page.keyboard.press("Enter")
    expect(page.locator("#me-notice")).to_contain_text("Les verrous et limites choisis sont levés")
    expect(page.locator("#ms-blocks")).to_have_text("Aucun blocage en cours.")
    axe("doctor-unlocked")

    # A doctor of Lyon is out of reach, by RPPS as by name.
    page.goto(f"{support.url}/?q={stranger.rpps}")
    expect(page.locator("h1")).to_have_text("Médecin introuvable")
    axe("not-in-reach")
    page.goto(f"{support.url}/?q={stranger_name}")
    expect(page.locator("#ms-no-result")).to_be_visible()
    axe("no-result")

    tab_to(page, "ms-logout")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Vous êtes déconnecté")
    axe("logged-out")

    # The doctor signs in at the home, in the same browser: MES SERVICES.
    page.goto(home.url)
    expect_login_page(page, home)
    axe("doctor-login")
    log_in(page, doctor.login_email or "", PASSWORD)
    expect_mes_services(page, home, f"Camille {name}", doctor.rpps)
    axe("mes-services")

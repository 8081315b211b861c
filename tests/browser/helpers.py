"""Steps on Keycloak's login page shared by the home and theme browser checks."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from monespace_home import HomeServer

LOGIN_TITLE = "Connectez-vous à votre espace"


def expect_login_page(page: Page, home: HomeServer) -> None:
    expect(page.locator("h1")).to_have_text(LOGIN_TITLE)
    assert page.url.startswith(f"{home.settings.issuer}/"), page.url


def open_login(page: Page, home: HomeServer) -> None:
    """Keycloak's login page, reached as a doctor does: through the MonEspace home."""
    page.goto(f"{home.url}/login")
    expect_login_page(page, home)


def log_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()


def focused_description(page: Page) -> str:
    """A short, stable description of document.activeElement (id, else tag + text)."""
    return str(
        page.evaluate(
            """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return 'body';
            const text = el.textContent.trim().replace(/\\s+/g, ' ');
            return el.id ? '#' + el.id : el.tagName.toLowerCase() + ':' + text;
        }"""
        )
    )

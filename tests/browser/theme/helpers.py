"""Shared helpers of the theme browser checks."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from monespace_home import HomeServer

REPO_ROOT = Path(__file__).resolve().parents[3]
THEME_JS = REPO_ROOT / "themes" / "monespace" / "login" / "resources" / "js"
LOGIN_TITLE = "Connectez-vous à votre espace"


def open_login(page: Page, home: HomeServer) -> None:
    """Keycloak's login page, reached as a doctor does: through the MonEspace home."""
    page.goto(f"{home.url}/login")
    expect(page.locator("h1")).to_have_text(LOGIN_TITLE)


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

"""Fixtures of the MonEspace theme checks.

They run against any Keycloak whose realm uses the ``monespace`` login theme:

    MONESPACE_TEST_KEYCLOAK_URL   e.g. http://127.0.0.1:18280 (unset: Keycloak tests are skipped)
    MONESPACE_TEST_REALM          default "monespace"
    MONESPACE_TEST_CLIENT_ID      default "account-console" (present in every realm)
    MONESPACE_TEST_REDIRECT_URI   default <url>/realms/<realm>/account/
    MONESPACE_TEST_ADMIN_USER / MONESPACE_TEST_ADMIN_PASSWORD
                                  optional: master-realm admin, to create throw-away users
                                  (update-password page, same-message checks)
    MONESPACE_TEST_CHROMIUM       default: chromium on PATH, else /usr/bin/chromium

Fixture names are prefixed (theme_*) so they never shadow the shared harness fixtures.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .helpers import CHROMIUM_ARGS, ThemeTarget, chromium_path


@pytest.fixture(scope="session")
def theme_chromium():
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def theme_target() -> ThemeTarget:
    target = ThemeTarget.from_env()
    if target is None:
        pytest.skip("MONESPACE_TEST_KEYCLOAK_URL not set")
    return target


@pytest.fixture(scope="session")
def theme_admin_target(theme_target: ThemeTarget) -> ThemeTarget:
    if not (theme_target.admin_user and theme_target.admin_password):
        pytest.skip("MONESPACE_TEST_ADMIN_USER / MONESPACE_TEST_ADMIN_PASSWORD not set")
    return theme_target


@pytest.fixture
def theme_page(theme_chromium) -> Iterator:
    """A fresh French-speaking browser context (no cookies shared between tests)."""
    context = theme_chromium.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()

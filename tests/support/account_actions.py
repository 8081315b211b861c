"""Ask Keycloak for a required action with `kc_action`, as any client of the realm can."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.support.oidc import Browser

#: Keycloak 26.7's own required actions, by the alias kc_action names
#: (tests/security/test_surface_inventory.py checks them against what the server deploys).
STOCK_ACTIONS = [
    "UPDATE_PASSWORD",
    "UPDATE_EMAIL",
    "CONFIGURE_TOTP",
    "CONFIGURE_RECOVERY_AUTHN_CODES",
    "delete_credential",
    "webauthn-register",
    "webauthn-register-passwordless",
    "delete_account",
    "UPDATE_PROFILE",
    "VERIFY_EMAIL",
    "VERIFY_PROFILE",
    "TERMS_AND_CONDITIONS",
    "idp_link",
    "update_user_locale",
]


def ask_action(browser: Browser, action: str, **extra: str) -> str | None:
    """Opens the authorization endpoint with `kc_action=<action>` in a signed-in browser; returns
    the `kc_action_status` Keycloak sent back to the application, or None when it showed a page."""
    browser.get(browser.authorize_url(kc_action=action, **extra))
    if not browser.redirected_to_app:
        return None
    return parse_qs(urlparse(browser.app_redirect()).query).get("kc_action_status", [""])[0]

"""Throw-away realm for looking at the MonEspace theme on a bare Keycloak.

Creates (or recreates) a realm using the ``monespace`` login and e-mail themes,
French by default with English, the MonEspace password policy (including the
deny list built by ``themes/password-strength``) and brute-force protection.
It does not configure the MonEspace flows: it is only for theme checks.

    python tests/browser/theme/theme_realm.py --url http://127.0.0.1:18280 --realm monespace-theme

The deny-list file must already be in Keycloak's password blacklist folder
(``data/password-blacklists/monespace-denylist.txt`` by default), otherwise
Keycloak refuses the policy; ``--no-denylist`` leaves it out.
"""

from __future__ import annotations

import argparse

import requests

PASSWORD_POLICY = (
    "length(12) and maxLength(128) and upperCase(1) and lowerCase(1) and digits(1) and specialChars(1)"
    " and notUsername and notEmail"
)
DENYLIST = " and passwordBlacklist(monespace-denylist.txt)"


def admin_token(url: str, user: str, password: str) -> str:
    resp = requests.post(
        f"{url}/realms/master/protocol/openid-connect/token",
        data={"grant_type": "password", "client_id": "admin-cli", "username": user, "password": password},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


def realm_representation(realm: str, with_denylist: bool = True, login_theme: str = "monespace") -> dict:
    return {
        "realm": realm,
        "enabled": True,
        "displayName": "MonEspace",
        "loginTheme": login_theme,
        "emailTheme": "monespace",
        "internationalizationEnabled": True,
        "supportedLocales": ["fr", "en"],
        "defaultLocale": "fr",
        "registrationAllowed": True,
        "registrationEmailAsUsername": False,
        "loginWithEmailAllowed": True,
        "duplicateEmailsAllowed": False,
        "resetPasswordAllowed": True,
        "rememberMe": False,
        "bruteForceProtected": True,
        "failureFactor": 5,
        "passwordPolicy": PASSWORD_POLICY + (DENYLIST if with_denylist else ""),
    }


def create_realm(
    url: str, token: str, realm: str, with_denylist: bool = True, login_theme: str = "monespace"
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    requests.delete(f"{url}/admin/realms/{realm}", headers=headers, timeout=30)
    resp = requests.post(
        f"{url}/admin/realms",
        json=realm_representation(realm, with_denylist, login_theme),
        headers=headers,
        timeout=60,
    )
    resp.raise_for_status()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:18280")
    parser.add_argument("--realm", default="monespace-theme")
    parser.add_argument("--admin", default="admin")
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument("--no-denylist", action="store_true")
    parser.add_argument(
        "--login-theme",
        default="monespace",
        help="monespace-showcase: the macro showcase (tests/browser/theme/showcase-theme, installed as "
        "themes/monespace-showcase)",
    )
    args = parser.parse_args()
    token = admin_token(args.url, args.admin, args.admin_password)
    create_realm(args.url, token, args.realm, not args.no_denylist, args.login_theme)
    print(f"realm {args.realm} ready: {args.url}/realms/{args.realm}/account/")


if __name__ == "__main__":
    main()

"""Shared helpers of the theme browser checks (kept out of conftest so tests can import them)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import shutil
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
AXE_REPORTS = REPO_ROOT / "test-artifacts" / "axe"
THEME_JS = REPO_ROOT / "themes" / "monespace" / "login" / "resources" / "js"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's chromium (Playwright's own download is not available here)."""
    candidate = os.environ.get("MONESPACE_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() else None


@dataclass(frozen=True)
class ThemeTarget:
    """Where the checks point: a running Keycloak whose realm uses the monespace theme."""

    url: str
    realm: str
    client_id: str
    redirect_uri: str
    admin_user: str | None
    admin_password: str | None

    @classmethod
    def from_env(cls) -> ThemeTarget | None:
        url = os.environ.get("MONESPACE_TEST_KEYCLOAK_URL", "").rstrip("/")
        if not url:
            return None
        realm = os.environ.get("MONESPACE_TEST_REALM", "monespace")
        return cls(
            url=url,
            realm=realm,
            client_id=os.environ.get("MONESPACE_TEST_CLIENT_ID", "account-console"),
            redirect_uri=os.environ.get("MONESPACE_TEST_REDIRECT_URI", f"{url}/realms/{realm}/account/"),
            admin_user=os.environ.get("MONESPACE_TEST_ADMIN_USER"),
            admin_password=os.environ.get("MONESPACE_TEST_ADMIN_PASSWORD"),
        )

    def login_url(self, locale: str | None = None) -> str:
        # PKCE is sent always: required by account-console, ignored by clients without it.
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        query = {
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "response_type": "code",
            "scope": "openid",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        if locale:
            query["ui_locales"] = locale
        return f"{self.url}/realms/{self.realm}/protocol/openid-connect/auth?{urllib.parse.urlencode(query)}"

    # -- admin REST, only when admin credentials are given ------------------------------------------
    def admin_headers(self) -> dict[str, str]:
        resp = requests.post(
            f"{self.url}/realms/master/protocol/openid-connect/token",
            data={
                "grant_type": "password",
                "client_id": "admin-cli",
                "username": self.admin_user,
                "password": self.admin_password,
            },
            timeout=30,
        )
        resp.raise_for_status()
        return {"Authorization": f"Bearer {resp.json()['access_token']}"}

    def realm_settings(self) -> dict:
        resp = requests.get(f"{self.url}/admin/realms/{self.realm}", headers=self.admin_headers(), timeout=30)
        resp.raise_for_status()
        return resp.json()

    def create_user(self, email: str, password: str, required_actions: list[str] | None = None) -> str:
        """A throw-away user whose username is an 11-digit number, like a doctor's RPPS."""
        headers = self.admin_headers()
        username = "9" + "".join(secrets.choice("0123456789") for _ in range(10))
        body = {
            "username": username,
            "email": email,
            "emailVerified": True,
            "enabled": True,
            "firstName": "Test",
            "lastName": "Theme",
            "requiredActions": required_actions or [],
            "credentials": [{"type": "password", "value": password, "temporary": False}],
        }
        resp = requests.post(
            f"{self.url}/admin/realms/{self.realm}/users", json=body, headers=headers, timeout=30
        )
        resp.raise_for_status()
        return resp.headers["Location"].rsplit("/", 1)[-1]

    def delete_user(self, user_id: str) -> None:
        requests.delete(
            f"{self.url}/admin/realms/{self.realm}/users/{user_id}", headers=self.admin_headers(), timeout=30
        )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"theme-{slug(name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_no_serious_axe_violations(page, name: str) -> None:
    """axe-core over the whole page: no violation of impact serious or critical (report kept)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    (AXE_REPORTS / f"theme-{slug(name)}.json").write_text(
        json.dumps(violations, indent=2, ensure_ascii=False)
    )
    blocking = [v for v in violations if v.get("impact") in ("serious", "critical")]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in blocking
    )
    assert not blocking, f"axe-core serious/critical violations on {name}:\n{details}"

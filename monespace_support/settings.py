"""The support page's settings: environment variables with documented defaults (the dev stack's).

| variable                              | default                          |
| ------------------------------------- | -------------------------------- |
| MONESPACE_SUPPORT_KEYCLOAK_URL        | http://localhost:8080            |
| MONESPACE_SUPPORT_KEYCLOAK_INTERNAL_URL | the public URL above           |
| MONESPACE_SUPPORT_REALM               | monespace                        |
| MONESPACE_SUPPORT_CLIENT_ID           | monespace-support                |
| MONESPACE_SUPPORT_PUBLIC_URL          | http://localhost:8001            |
| MONESPACE_SUPPORT_SECRET_KEY          | random per process               |

KEYCLOAK_URL is Keycloak's public URL (the agents' browsers go there; it names the tokens'
issuer); KEYCLOAK_INTERNAL_URL is where this app itself calls Keycloak (discovery, tokens, the
admin API, the support endpoint) when that differs. The agents' tokens stay in this process
(monespace_support/sessions.py): the cookie holds only a random session number, signed with
SECRET_KEY.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from urllib.parse import urlsplit

from monespace_home.settings import layered_values

ENV_PREFIX = "MONESPACE_SUPPORT_"
#: Where Keycloak sends the agent back with the authorization code (realm value support_redirect_uris).
CALLBACK_PATH = "/auth/callback"
#: Where Keycloak sends the agent after logout (realm value support_post_logout_redirect_uris).
LOGGED_OUT_PATH = "/logged-out"


class SettingsError(ValueError):
    """A setting has an unusable value; the message names its environment variable."""


@dataclass(frozen=True)
class Settings:
    keycloak_url: str = "http://localhost:8080"
    keycloak_internal_url: str = ""
    realm: str = "monespace"
    client_id: str = "monespace-support"
    public_url: str = "http://localhost:8001"
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)

    def __post_init__(self) -> None:
        urls = ["keycloak_url", "public_url"] + (["keycloak_internal_url"] if self.keycloak_internal_url else [])
        for name in urls:
            value = getattr(self, name)
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise SettingsError(f"{env_name(name)}: {value!r} is not an http(s) URL")
            object.__setattr__(self, name, value.rstrip("/"))
        for name in ("realm", "client_id", "secret_key"):
            if not getattr(self, name).strip():
                raise SettingsError(f"{env_name(name)} is empty")
        if len(self.secret_key) < 16:
            raise SettingsError(f"{env_name('secret_key')} is too short (at least 16 characters)")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: str | None) -> Settings:
        """Defaults < MONESPACE_SUPPORT_* variables < non-None `overrides` (command-line options)."""
        return cls(**layered_values(fields(cls), env_name, env, overrides))

    @property
    def issuer(self) -> str:
        return f"{self.keycloak_url}/realms/{self.realm}"

    @property
    def backchannel_url(self) -> str:
        """Where this app calls Keycloak itself."""
        return self.keycloak_internal_url or self.keycloak_url

    @property
    def metadata_url(self) -> str:
        return f"{self.backchannel_url}/realms/{self.realm}/.well-known/openid-configuration"

    @property
    def redirect_uri(self) -> str:
        return self.public_url + CALLBACK_PATH

    @property
    def post_logout_redirect_uri(self) -> str:
        return self.public_url + LOGGED_OUT_PATH

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")

    @property
    def port(self) -> int:
        parts = urlsplit(self.public_url)
        return parts.port or (443 if parts.scheme == "https" else 80)


def env_name(setting: str) -> str:
    return ENV_PREFIX + setting.upper()

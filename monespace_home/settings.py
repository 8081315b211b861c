"""The home app's settings: environment variables with documented defaults (the dev stack's values).

| variable                        | default                                   |
| ------------------------------- | ----------------------------------------- |
| MONESPACE_HOME_KEYCLOAK_URL     | http://localhost:8080                     |
| MONESPACE_HOME_KEYCLOAK_INTERNAL_URL | the public URL above                 |
| MONESPACE_HOME_REALM            | monespace                                 |
| MONESPACE_HOME_CLIENT_ID        | monespace-home                            |
| MONESPACE_HOME_PUBLIC_URL       | http://localhost:8000                     |
| MONESPACE_HOME_SECRET_KEY       | random per process (see below)            |
| MONESPACE_HOME_ABONNEMENTS_URL  | https://www.ordre.medecin.fr/abonnements  |
| MONESPACE_HOME_COTISATIONS_URL  | https://www.ordre.medecin.fr/cotisations  |
| MONESPACE_HOME_GARDES_URL       | https://www.ordre.medecin.fr/mes-gardes   |
| MONESPACE_HOME_DATABASE_URL     | none: ended sessions kept in the process  |

KEYCLOAK_URL is Keycloak's public URL (`--hostname`): browsers are sent there and it names the
tokens' issuer. KEYCLOAK_INTERNAL_URL is where this app itself reaches Keycloak (discovery, keys,
token endpoint) when that differs, e.g. `http://keycloak:8080` inside a container network; the
server then needs `--hostname-backchannel-dynamic=true` so that the back-channel endpoints it
advertises use that address while the issuer stays the public one.

DATABASE_URL (`postgresql://user:password@host:5432/db`) shares the ended sessions between
several home processes (monespace_home/revocations_pg.py); it holds a password, so it is read
from the environment only, like SECRET_KEY.

The service URLs are the Ordre's to confirm. Without MONESPACE_HOME_SECRET_KEY each process
draws a random key: sessions then end when the process restarts and are not shared between
several processes, which is fine for a developer and wrong for production.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import Field, dataclass, field, fields
from typing import Any
from urllib.parse import urlsplit

ENV_PREFIX = "MONESPACE_HOME_"
#: Where Keycloak sends the doctor back with the authorization code (a path of PUBLIC_URL).
CALLBACK_PATH = "/auth/callback"
#: Where Keycloak sends the doctor after RP-initiated logout.
LOGGED_OUT_PATH = "/logged-out"
#: Where Keycloak posts logout tokens (OIDC Back-Channel Logout); the realm's client
#: `monespace-home` names this URL (realm variable home_backchannel_logout_url).
BACKCHANNEL_LOGOUT_PATH = "/auth/backchannel-logout"
#: Our required action (Paramètres, SPEC §5), asked for with kc_action.
SETTINGS_ACTION = "monespace-settings"


class SettingsError(ValueError):
    """A setting has an unusable value; the message names its environment variable."""


def _random_secret_key() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Settings:
    keycloak_url: str = "http://localhost:8080"
    #: Where this app reaches Keycloak itself; empty: the public `keycloak_url`.
    keycloak_internal_url: str = ""
    realm: str = "monespace"
    client_id: str = "monespace-home"
    #: The address doctors' browsers use for this app (redirect URIs are built from it).
    public_url: str = "http://localhost:8000"
    secret_key: str = field(default_factory=_random_secret_key, repr=False)
    abonnements_url: str = "https://www.ordre.medecin.fr/abonnements"
    cotisations_url: str = "https://www.ordre.medecin.fr/cotisations"
    gardes_url: str = "https://www.ordre.medecin.fr/mes-gardes"
    #: PostgreSQL database of the ended sessions shared by several processes; empty: in-process.
    database_url: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        urls = ["keycloak_url", "public_url", "abonnements_url", "cotisations_url", "gardes_url"]
        if self.keycloak_internal_url:
            urls.append("keycloak_internal_url")
        for name in urls:
            value = getattr(self, name)
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise SettingsError(f"{env_name(name)}: {value!r} is not an http(s) URL")
            if name in ("keycloak_url", "keycloak_internal_url", "public_url"):
                # Both are joined with paths: one form only, without a trailing slash.
                object.__setattr__(self, name, value.rstrip("/"))
        for name in ("realm", "client_id", "secret_key"):
            if not getattr(self, name).strip():
                raise SettingsError(f"{env_name(name)} is empty")
        if len(self.secret_key) < 16:
            raise SettingsError(f"{env_name('secret_key')} is too short (at least 16 characters)")
        if self.database_url and urlsplit(self.database_url).scheme not in ("postgresql", "postgres"):
            raise SettingsError(f"{env_name('database_url')}: not a postgresql:// URL")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: str | None) -> Settings:
        """Defaults < MONESPACE_HOME_* variables < non-None `overrides` (e.g. command-line options)."""
        return cls(**layered_values(fields(cls), env_name, env, overrides))

    @property
    def issuer(self) -> str:
        return f"{self.keycloak_url}/realms/{self.realm}"

    @property
    def metadata_url(self) -> str:
        """Discovery, fetched by this app: through the internal URL when there is one."""
        base = self.keycloak_internal_url or self.keycloak_url
        return f"{base}/realms/{self.realm}/.well-known/openid-configuration"

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
        """The port of PUBLIC_URL (a default for where to listen)."""
        parts = urlsplit(self.public_url)
        return parts.port or (443 if parts.scheme == "https" else 80)


def env_name(setting: str) -> str:
    return ENV_PREFIX + setting.upper()


def layered_values(
    settings: tuple[Field[Any], ...],
    name_in_env: Callable[[str], str],
    env: Mapping[str, str] | None,
    overrides: Mapping[str, str | None],
) -> dict[str, str]:
    """A settings class's values: its variables in `env` (default os.environ), then the non-None
    `overrides` (command-line options); an override naming no setting is a TypeError. Shared by
    the home's and the support page's settings."""
    env = os.environ if env is None else env
    values: dict[str, str] = {}
    for f in settings:
        from_env = env.get(name_in_env(f.name), "").strip()
        if from_env:
            values[f.name] = from_env
    unknown = set(overrides) - {f.name for f in settings}
    if unknown:
        raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
    values.update({k: v for k, v in overrides.items() if v is not None})
    return values

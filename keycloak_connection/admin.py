"""Admin connection to Keycloak, shared by `monespace realm`, the Ordinal sync and the dev stack.

One place decides how an admin tool reaches Keycloak: URL and credentials with environment
fallbacks, a token fetched up front so that a wrong URL or password is reported once, in one
line, before any work starts. Callers get a python-keycloak `KeycloakAdmin`, and for raw
requests (bulk paths, endpoints python-keycloak lacks) a bearer token and URLs.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import click
from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakConnectionError, KeycloakError

DEFAULT_URL = "http://localhost:8080"
DEFAULT_ADMIN_USER = "admin"
DEFAULT_ADMIN_PASSWORD = "admin"  # the dev stack's bootstrap admin; production sets the env vars
ADMIN_REALM = "master"

ENV_URL = "MONESPACE_KEYCLOAK_URL"
ENV_USER = "MONESPACE_ADMIN_USER"
ENV_PASSWORD = "MONESPACE_ADMIN_PASSWORD"
ENV_CLIENT_ID = "MONESPACE_ADMIN_CLIENT_ID"
ENV_CLIENT_SECRET = "MONESPACE_ADMIN_CLIENT_SECRET"
ENV_TOKEN_REALM = "MONESPACE_ADMIN_TOKEN_REALM"
ENV_WAIT = "MONESPACE_KEYCLOAK_WAIT"
#: While waiting for Keycloak, a line on stderr at most this often (seconds).
WAIT_REPORT_INTERVAL = 15.0


class KeycloakUnavailable(click.ClickException):
    """Keycloak could not be reached or refused the admin credentials (exit code 1)."""

    exit_code = 1


@dataclass(frozen=True)
class AdminSettings:
    """How to reach Keycloak as an administrator.

    A client secret selects the client-credentials grant (a service account); otherwise the
    user/password grant on `admin-cli` is used. Tokens come from `token_realm`: `master` for
    administrators, or a realm's own name for a service account of that realm (the Ordinal
    sync's least-privilege `ordinal-sync` client).
    """

    url: str = DEFAULT_URL
    username: str | None = DEFAULT_ADMIN_USER
    password: str | None = DEFAULT_ADMIN_PASSWORD
    client_id: str | None = None
    client_secret: str | None = None
    timeout_seconds: int = 30
    token_realm: str = ADMIN_REALM
    #: Keep trying this long for a working token (a job started beside a booting Keycloak).
    wait_seconds: float = 0

    @property
    def uses_client_credentials(self) -> bool:
        return bool(self.client_secret)

    @property
    def principal(self) -> str:
        """Who we authenticate as, for messages (never the secret)."""
        if self.uses_client_credentials:
            return f"client '{self.client_id}'"
        return f"user '{self.username}'"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AdminSettings:
        """Settings from MONESPACE_KEYCLOAK_URL / MONESPACE_ADMIN_* with the dev defaults."""
        env = os.environ if env is None else env
        return cls(
            url=env.get(ENV_URL) or DEFAULT_URL,
            username=env.get(ENV_USER) or DEFAULT_ADMIN_USER,
            password=env.get(ENV_PASSWORD) or DEFAULT_ADMIN_PASSWORD,
            client_id=env.get(ENV_CLIENT_ID) or None,
            client_secret=env.get(ENV_CLIENT_SECRET) or None,
            token_realm=env.get(ENV_TOKEN_REALM) or ADMIN_REALM,
            wait_seconds=float(env.get(ENV_WAIT) or 0),
        )


def connect(settings: AdminSettings) -> KeycloakAdmin:
    """`connect_once`, retried until it works or `settings.wait_seconds` have passed.

    Waiting covers a Keycloak still starting (connection refused, 5xx) and one whose admin is
    not there yet (refused credentials): a one-shot job started beside Keycloak waits for a
    working admin token, and a wrong password is still reported, once the wait is over.
    """
    deadline = time.monotonic() + settings.wait_seconds
    reported = float("-inf")
    while True:
        try:
            return connect_once(settings)
        except KeycloakUnavailable as exc:
            now = time.monotonic()
            if now >= deadline:
                raise
            if now - reported >= WAIT_REPORT_INTERVAL:
                left = deadline - now
                print(f"waiting for Keycloak ({left:.0f} s left): {exc.message}", file=sys.stderr, flush=True)
                reported = now
            time.sleep(min(2.0, max(0.0, deadline - now)))


def connect_once(settings: AdminSettings) -> KeycloakAdmin:
    """A `KeycloakAdmin` on realm master with a token (from `settings.token_realm`) already fetched.

    Raises KeycloakUnavailable (one line) when Keycloak is unreachable or refuses the login.
    The admin's "current realm" stays `master`: tools address other realms by explicit path
    rather than by mutating this shared object.
    """
    url = settings.url.rstrip("/")
    if settings.uses_client_credentials and not settings.client_id:
        raise KeycloakUnavailable(f"{ENV_CLIENT_SECRET} is set but {ENV_CLIENT_ID} is not")
    credentials: dict[str, Any]
    if settings.uses_client_credentials:
        credentials = {
            "client_id": settings.client_id,
            "client_secret_key": settings.client_secret,
            "grant_type": "client_credentials",
        }
    else:
        credentials = {"username": settings.username, "password": settings.password}
    admin = KeycloakAdmin(
        server_url=url + "/",
        realm_name=ADMIN_REALM,
        # Tokens always come from the token realm, whatever realm the admin object is pointed at later.
        user_realm_name=settings.token_realm,
        timeout=settings.timeout_seconds,
        **credentials,
    )
    try:
        admin.connection.get_token()
    except KeycloakConnectionError as exc:
        raise KeycloakUnavailable(f"cannot reach Keycloak at {url} ({_network_reason(exc)})") from None
    except KeycloakError as exc:
        # The token endpoint answers 401, or 400 invalid_grant, to wrong credentials.
        if exc.response_code in (400, 401):
            refused = f"Keycloak at {url} refused {settings.principal} on realm {settings.token_realm}"
            raise KeycloakUnavailable(f"{refused} ({describe_error(exc)})") from None
        raise KeycloakUnavailable(
            f"Keycloak at {url}: admin login as {settings.principal} failed ({describe_error(exc)})"
        ) from None
    return admin


def server_url(admin: KeycloakAdmin) -> str:
    """Base URL of the Keycloak server, without trailing slash."""
    return str(admin.connection.server_url).rstrip("/")


def access_token(admin: KeycloakAdmin) -> str:
    """A bearer token valid now, refreshed through python-keycloak when past 90 % of its life."""
    connection = admin.connection
    expires_at = connection.expires_at
    if not connection.token:
        connection.get_token()
    elif expires_at is not None and datetime.now(tz=UTC) >= expires_at:
        connection.refresh_token()
    token = connection.token
    if not token or "access_token" not in token:
        raise KeycloakUnavailable(f"Keycloak at {server_url(admin)} returned no access token")
    return str(token["access_token"])


def describe_error(exc: KeycloakError) -> str:
    """One line for a python-keycloak error: status and Keycloak's own message."""
    if isinstance(exc, KeycloakConnectionError):
        return f"connection failed: {_network_reason(exc)}"
    message: Any = exc.error_message
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    text = str(message)
    try:
        payload = json.loads(text)
    except ValueError:
        payload = None
    # Token endpoint errors come as OAuth JSON; admin errors as {"errorMessage": …}.
    if isinstance(payload, dict):
        for key in ("error_description", "errorMessage", "error"):
            if payload.get(key):
                text = str(payload[key])
                break
    text = " ".join(text.split())
    if len(text) > 200:
        text = text[:200] + "…"
    code = exc.response_code
    return f"HTTP {code}: {text}" if code else text


def _network_reason(exc: BaseException) -> str:
    chain = " ".join(str(e) for e in _causes(exc))
    errno = re.search(r"\[Errno -?\d+\] ([^'\"\)]+)", chain)
    if errno:
        return errno.group(1).strip().lower()
    for needle, reason in (("timed out", "timed out"), ("Name or service", "unknown host")):
        if needle in chain:
            return reason
    return type(_causes(exc)[-1]).__name__


def _causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen

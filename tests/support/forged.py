"""Requests that carry headers an attacker chose (a forged `Host`, `X-Forwarded-Host`…) while
still reaching the real Keycloak, whatever host the URLs Keycloak wrote name: what `curl
--resolve` or a hostile client behind a forwarding proxy does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests

from tests.support.oidc import HOME_REDIRECT, Browser

#: The attacker's host, as a forged header names it.
EVIL_HOST = "evil.example:8080"


class ForgedHeadersSession(requests.Session):
    """Sends every request to `real_url`'s host with `headers` added: links Keycloak built from a
    forged host are followed to the real server, as the attacker's client would."""

    def __init__(self, real_url: str, headers: Mapping[str, str]) -> None:
        super().__init__()
        self.real = urlsplit(real_url)
        self.forged = dict(headers)

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        parts = urlsplit(url if isinstance(url, str) else url.decode())
        target = urlunsplit((self.real.scheme, self.real.netloc, parts.path, parts.query, parts.fragment))
        kwargs["headers"] = {**(kwargs.get("headers") or {}), **self.forged}
        return super().request(method, target, *args, **kwargs)


def forged_browser(keycloak_url: str, realm: str, headers: Mapping[str, str]) -> Browser:
    """A Browser of the home's client whose every request carries `headers`."""
    return Browser(keycloak_url, realm, HOME_REDIRECT, session=ForgedHeadersSession(keycloak_url, headers))

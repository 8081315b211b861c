"""What the security tests attack with: many flows of one doctor fired at the same moment, and
client addresses of the test's choosing.

The test Keycloak trusts X-Forwarded-For from loopback (tests/backends.py), as it trusts the
production proxy, so a browser can speak for any client address; each test takes addresses of
its own, and its per-address limits never meet another test's.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import requests

from provisioning.realm import default_realm_dir
from provisioning.realm.values import load_defaults
from tests.support.oidc import Browser

#: The production limits (realm/values.yaml), which the main test realm keeps.
LIMITS = load_defaults(default_realm_dir())

T = TypeVar("T")
U = TypeVar("U")

#: What a throttled identity check says (monespaceIdentityThrottled), and a refused one.
THROTTLED = "Trop de tentatives"
MISMATCH = "ne correspondent pas"


def new_ipv6_network() -> str:
    """A /64 nobody else in the session uses, "fdxx:xxxx:xxxx:yyyy": unique local addresses, which
    the realm (sslRequired external) serves over plain HTTP like the loopback the tests come from."""
    word = secrets.token_hex(7)
    return f"fd{word[:2]}:{word[2:6]}:{word[6:10]}:{word[10:14]}"


def new_ipv4_network() -> str:
    """A private /24 nobody else in the session is likely to use: "10.x.y"."""
    return f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}"


def new_address() -> str:
    """A client address no other test uses (the only one of its /64)."""
    return f"{new_ipv6_network()}::1"


def speak_for(browser: Browser, address: str) -> Browser:
    """From now on `browser` is a client at `address` (X-Forwarded-For, as the proxy sets it)."""
    browser.session.headers["X-Forwarded-For"] = address
    return browser


def at_once(items: Sequence[T], action: Callable[[T], U]) -> list[U]:
    """`action(item)` for every item, all released at the same instant (one thread each)."""
    barrier = threading.Barrier(len(items))

    def run(item: T) -> U:
        barrier.wait(timeout=60)
        return action(item)

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(run, items))


def throttled_total(management_url: str | None, kind: str) -> float:
    """`monespace_throttled_total{kind=…}` on Keycloak's /metrics (0 where not reachable)."""
    if management_url is None:
        return 0.0
    text = requests.get(f"{management_url}/metrics", timeout=10).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("monespace_throttled_total{") and f'kind="{kind}"' in line
    )

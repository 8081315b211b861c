"""Per-address limits key an IPv6 client by its /64: a subscriber picks any of 2^64 addresses at
will, so keying on the whole address gave an attacker a fresh quota for every request."""

from __future__ import annotations

from tests.conftest import MAIN_REALM
from tests.support.attacks import LIMITS, new_address, new_ipv4_network, new_ipv6_network, speak_for
from tests.support.harness import Harness
from tests.support.journeys import Journey
from tests.support.oidc import HOME_REDIRECT, Browser
from tests.support.rpps import new_rpps

NEUTRAL = "vous allez recevoir"
REFUSED = "Trop de demandes"


def reset_request_from(harness: Harness, address: str) -> str:
    """A reset request for an address nobody has, from `address`: what the page says."""
    journey = Journey(speak_for(Browser(harness.keycloak_url, MAIN_REALM, HOME_REDIRECT), address))
    journey.open_reset()
    return journey.request_reset(f"personne.{new_rpps()}@exemple.fr").box_text()


def test_every_address_of_one_ipv6_64_shares_one_quota(harness: Harness, realms: dict[str, str]) -> None:
    network = new_ipv6_network()
    allowed = LIMITS["reset_max_requests_per_client"]
    for host in range(1, allowed + 1):
        assert NEUTRAL in reset_request_from(harness, f"{network}::{host:x}")
    assert REFUSED in reset_request_from(harness, f"{network}:ffff:ffff:ffff:ffff"), "the same /64"
    assert NEUTRAL in reset_request_from(harness, new_address()), "another /64 is another client"


def test_an_ipv4_client_is_keyed_by_its_whole_address(harness: Harness, realms: dict[str, str]) -> None:
    network = new_ipv4_network()
    first, neighbour = f"{network}.10", f"{network}.11"
    for _ in range(LIMITS["reset_max_requests_per_client"]):
        reset_request_from(harness, first)
    assert REFUSED in reset_request_from(harness, first)
    assert NEUTRAL in reset_request_from(harness, neighbour)

"""The macro showcase realm: the main realm's files with the test-only login theme
`monespace-showcase` (installed in the test Keycloak by tests/backends.py)."""

from __future__ import annotations

import pytest

from tests.backends import SHOWCASE_THEME_NAME
from tests.conftest import common_realm_values
from tests.support.harness import Harness

SHOWCASE_REALM = "monespace-showcase"


@pytest.fixture(scope="session")
def showcase_realm(harness: Harness, realms: dict[str, str], home_port: int, support_port: int) -> str:
    from provisioning.realm.apply import apply_realm

    values = {"realm": SHOWCASE_REALM, "login_theme": SHOWCASE_THEME_NAME, "councils": ["75"]}
    apply_realm(harness.admin("master"), {**values, **common_realm_values(harness, home_port, support_port)})
    return SHOWCASE_REALM

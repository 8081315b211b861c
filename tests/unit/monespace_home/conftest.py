"""The home app under Flask's test client, signing in against a fake Keycloak on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from monespace_home import Settings, create_app
from tests.conftest import HOME_SERVICES
from tests.support.fake_oidc import FakeKeycloak, SignInDriver

PUBLIC_URL = "http://localhost:8000"


@pytest.fixture(scope="module")
def fake_keycloak() -> Iterator[FakeKeycloak]:
    provider = FakeKeycloak().start()
    yield provider
    provider.stop()


@pytest.fixture
def home_settings(fake_keycloak: FakeKeycloak) -> Settings:
    return Settings(
        keycloak_url=fake_keycloak.url,
        public_url=PUBLIC_URL,
        secret_key="unit-tests-secret-key-0123456789",
        **HOME_SERVICES,
    )


@pytest.fixture
def home_app(home_settings: Settings) -> Flask:
    return create_app(home_settings)


@pytest.fixture
def home_client(home_app: Flask) -> FlaskClient:
    return home_app.test_client()


@pytest.fixture
def driver(home_client: FlaskClient, fake_keycloak: FakeKeycloak) -> SignInDriver:
    return SignInDriver(home_client, fake_keycloak)

"""Several home processes share the ended sessions through PostgreSQL (a Deployment's replicas).

Two home apps stand for two replicas behind a load balancer: Keycloak's logout token reaches one
of them, the doctor's next request may reach the other. The store is the real one
(monespace_home/revocations_pg.py) on a real PostgreSQL; Keycloak is the fake provider of the
home's unit tests, which signs ID and logout tokens as Keycloak does.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from monespace_home import Settings, create_app
from monespace_home.revocations import RevocationsUnavailable
from monespace_home.revocations_pg import TABLE, PostgresRevocations
from provisioning.devstack.postgres import LocalPostgres
from tests.conftest import HOME_SERVICES
from tests.support.fake_oidc import FakeKeycloak, SignInDriver, signed_in
from tests.support.postgres import Database, database, temporary_postgres

SECRET_KEY = "replicas-share-this-secret-key-0123456789"


@pytest.fixture(scope="module")
def postgres() -> Iterator[LocalPostgres]:
    with temporary_postgres("test-home-revocations") as server:
        yield server


@pytest.fixture
def store_db(postgres: LocalPostgres) -> Database:
    return database(postgres, "home", "home", "home-password")


@pytest.fixture(scope="module")
def fake_keycloak() -> Iterator[FakeKeycloak]:
    provider = FakeKeycloak().start()
    yield provider
    provider.stop()


def replica(provider: FakeKeycloak, db: Database) -> Flask:
    """One home process, configured as the Deployment configures each replica (same secret key,
    same MONESPACE_HOME_DATABASE_URL)."""
    settings = Settings(
        keycloak_url=provider.url,
        public_url="http://localhost:8000",
        secret_key=SECRET_KEY,
        database_url=db.url,
        **HOME_SERVICES,
    )
    return create_app(settings)


def asks_for_login(client: FlaskClient, provider: FakeKeycloak) -> bool:
    response = client.get("/")
    return response.status_code == 302 and response.headers["Location"].startswith(provider.authorization_endpoint)


def test_a_logout_told_to_one_replica_ends_the_session_on_the_other(
    fake_keycloak: FakeKeycloak, store_db: Database
) -> None:
    first, second = replica(fake_keycloak, store_db), replica(fake_keycloak, store_db)
    doctor_on_second = second.test_client()
    SignInDriver(doctor_on_second, fake_keycloak).sign_in()
    assert signed_in(doctor_on_second)

    logout = first.test_client().post("/auth/backchannel-logout", data={"logout_token": fake_keycloak.logout_token()})

    assert logout.status_code == 200
    assert asks_for_login(doctor_on_second, fake_keycloak), "the other replica still shows MES SERVICES"
    # A new sign-in after the record goes on, on either replica.
    SignInDriver(doctor_on_second, fake_keycloak).sign_in()
    assert signed_in(doctor_on_second)
    assert store_db.server.psql(f"SELECT count(*) FROM {TABLE}", store_db.name) == "1"


def test_records_outlive_a_restart_of_every_replica(fake_keycloak: FakeKeycloak, store_db: Database) -> None:
    first = replica(fake_keycloak, store_db)
    doctor = first.test_client()
    SignInDriver(doctor, fake_keycloak).sign_in()
    first.test_client().post("/auth/backchannel-logout", data={"logout_token": fake_keycloak.logout_token()})

    restarted = replica(fake_keycloak, store_db)  # same cookie secret: the old cookie is still readable
    client = restarted.test_client()
    client.set_cookie("monespace_home_session", doctor.get_cookie("monespace_home_session").value)  # type: ignore[union-attr]
    assert asks_for_login(client, fake_keycloak)


def test_records_are_forgotten_after_the_session_lifetime(store_db: Database) -> None:
    now = [1_000_000.0]
    store = PostgresRevocations(store_db.url, timedelta(hours=10), clock=lambda: now[0])
    try:
        store.revoke(sid="old")
        now[0] += timedelta(hours=5).total_seconds()
        store.revoke(sid="recent")
        assert store.is_revoked(sid="old", sub="doctor", signed_in_at=0)
        now[0] += timedelta(hours=5).total_seconds()
        assert not store.is_revoked(sid="old", sub="doctor", signed_in_at=0)
        store.revoke(sub="someone")  # a write deletes what is past the lifetime
        assert store_db.server.psql(f"SELECT key FROM {TABLE} ORDER BY key", store_db.name).split() == [
            "sid:recent",
            "sub:someone",
        ]
        assert store.is_revoked(sid="recent", sub="doctor", signed_in_at=0)
        assert not store.is_revoked(sid="recent", sub="doctor", signed_in_at=now[0]), "a later sign-in goes on"
    finally:
        store.close()


def test_many_threads_of_many_processes_share_one_database(store_db: Database) -> None:
    stores = [PostgresRevocations(store_db.url, timedelta(hours=10)) for _ in range(3)]
    errors: list[BaseException] = []

    def work(index: int) -> None:
        store = stores[index % len(stores)]
        try:
            for n in range(20):
                store.revoke(sid=f"s{index}-{n}")
                assert store.is_revoked(sid=f"s{index}-{n}", sub="d", signed_in_at=0)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert not errors, errors[:3]
        assert len(stores[0]) == 12 * 20
        assert all(stores[i].is_revoked(sid="s5-19", sub="d", signed_in_at=0) for i in range(3))
    finally:
        for store in stores:
            store.close()


def test_the_database_down_fails_closed_then_recovers(fake_keycloak: FakeKeycloak, store_db: Database) -> None:
    app = replica(fake_keycloak, store_db)
    doctor = app.test_client()
    SignInDriver(doctor, fake_keycloak).sign_in()
    assert signed_in(doctor)

    store_db.server.stop()
    try:
        page = doctor.get("/")
        assert page.status_code == 503
        assert "Service momentanément indisponible" in page.get_data(as_text=True)
        logout = app.test_client().post("/auth/backchannel-logout", data={"logout_token": fake_keycloak.logout_token()})
        assert logout.status_code == 503
        assert logout.json == {
            "error": "temporarily_unavailable",
            "error_description": "The ended session cannot be recorded.",
        }
        with pytest.raises(RevocationsUnavailable):
            app.extensions["monespace_home.revocations"].revoke(sid="x")
    finally:
        store_db.server.start()

    assert doctor.get("/").status_code == 200, "the pool reconnects once the database is back"
    logout = app.test_client().post("/auth/backchannel-logout", data={"logout_token": fake_keycloak.logout_token()})
    assert logout.status_code == 200
    assert asks_for_login(doctor, fake_keycloak)

"""The in-process store of ended sessions: what a record ends, how long it lasts, many threads."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from monespace_home.revocations import InMemoryRevocations


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> InMemoryRevocations:
    return InMemoryRevocations(timedelta(hours=10), clock=clock)


def test_a_session_record_ends_that_session_signed_in_before_it(store: InMemoryRevocations, clock: Clock) -> None:
    signed_in = clock.now - 60
    store.revoke(sid="s1")
    assert store.is_revoked(sid="s1", sub="doctor", signed_in_at=signed_in)
    assert not store.is_revoked(sid="s2", sub="doctor", signed_in_at=signed_in), "other sessions go on"
    assert not store.is_revoked(sid="s1", sub="doctor", signed_in_at=clock.now + 1), "a later sign-in goes on"


def test_a_subject_record_ends_every_earlier_session_of_the_doctor(store: InMemoryRevocations, clock: Clock) -> None:
    store.revoke(sub="doctor")
    assert store.is_revoked(sid="s1", sub="doctor", signed_in_at=clock.now - 1)
    assert store.is_revoked(sid=None, sub="doctor", signed_in_at=clock.now - 1)
    assert not store.is_revoked(sid="s1", sub="colleague", signed_in_at=clock.now - 1)
    assert not store.is_revoked(sid="s1", sub="doctor", signed_in_at=clock.now + 1)


def test_with_both_only_the_session_is_recorded(store: InMemoryRevocations, clock: Clock) -> None:
    store.revoke(sid="s1", sub="doctor")
    assert not store.is_revoked(sid="s2", sub="doctor", signed_in_at=clock.now - 1)
    assert len(store) == 1


def test_records_are_forgotten_after_the_session_lifetime(store: InMemoryRevocations, clock: Clock) -> None:
    store.revoke(sid="old")
    clock.now += timedelta(hours=5).total_seconds()
    store.revoke(sid="recent")
    clock.now += timedelta(hours=5).total_seconds() - 1
    assert store.is_revoked(sid="old", sub="doctor", signed_in_at=0)
    clock.now += 1
    assert not store.is_revoked(sid="old", sub="doctor", signed_in_at=0)
    assert store.is_revoked(sid="recent", sub="doctor", signed_in_at=0)
    assert len(store) == 1


def test_a_repeated_record_is_kept_from_its_latest_time(store: InMemoryRevocations, clock: Clock) -> None:
    store.revoke(sid="s1")
    clock.now += timedelta(hours=9).total_seconds()
    store.revoke(sid="s1")
    store.revoke(sid="s2")
    clock.now += timedelta(hours=2).total_seconds()
    assert store.is_revoked(sid="s1", sub="doctor", signed_in_at=0)
    assert len(store) == 2


def test_a_record_names_something(store: InMemoryRevocations) -> None:
    with pytest.raises(ValueError):
        store.revoke()


def test_threads_record_and_read_together() -> None:
    store = InMemoryRevocations(timedelta(hours=10))
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(500):
                store.revoke(sid=f"t{n}-{i}")
                assert store.is_revoked(sid=f"t{n}-{i}", sub="doctor", signed_in_at=0)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(store) == 8 * 500

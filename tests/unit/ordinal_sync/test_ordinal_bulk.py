"""The bulk endpoint's client, against a scripted HTTP session (no Keycloak)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from keycloak import KeycloakAdmin

from ordinal_sync.keycloak_bulk import BulkEndpointError, ExportInterrupted, KeycloakBulk, UpsertCounts, write_body
from ordinal_sync.keycloak_mapping import KeycloakUser
from ordinal_sync.planning import ExistingDoctor


class Reply:
    def __init__(
        self, status: int, payload: Any = None, text: str = "", lines: list[bytes | Exception] | None = None
    ) -> None:
        self.status_code = status
        self._payload = payload
        self._lines = lines or []
        self.text = text
        self.reason = "reason"
        self.ok = status < 400

    def json(self) -> Any:
        if self._payload is None:
            raise ValueError("no JSON")
        return self._payload

    def iter_lines(self, chunk_size: int) -> Iterator[bytes]:
        for line in self._lines:
            if isinstance(line, Exception):
                raise line
            yield line

    def __enter__(self) -> Reply:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class ScriptedSession:
    def __init__(self, replies: list[Reply | Exception]) -> None:
        self.replies: Iterator[Reply | Exception] = iter(replies)
        self.calls: list[dict[str, Any]] = []

    def request(self, method: str, url: str, **kwargs: Any) -> Reply:
        self.calls.append({"method": method, "url": url, **kwargs})
        reply = next(self.replies)
        if isinstance(reply, Exception):
            raise reply
        return reply


def bulk_with(replies: list[Reply | Exception]) -> tuple[KeycloakBulk, ScriptedSession]:
    admin = KeycloakAdmin(server_url="http://kc:8080/", username="u", password="p", realm_name="master")
    admin.connection.token = {"access_token": "abc", "expires_in": 300}
    admin.connection.get_token = lambda: None  # type: ignore[method-assign]
    bulk = KeycloakBulk(admin, "monespace", sleep=lambda _: None)
    session = ScriptedSession(replies)
    bulk._local.session = session
    return bulk, session


USER = KeycloakUser(
    "10000000017",
    False,
    {"username": ["10000000017"], "firstName": ["Claire"], "mobilePhone": [], "ordinalHash": ["h"]},
)


def test_the_username_is_the_key_not_an_attribute() -> None:
    assert write_body(USER) == {
        "rpps": "10000000017",
        "enabled": False,
        "attributes": {"firstName": ["Claire"], "mobilePhone": [], "ordinalHash": ["h"]},
    }


DOCTOR_LINES: list[bytes | Exception] = [b'["10000000017","h",true,null]', b'["10000000025",null,false,"radie"]']


def test_export_streams_one_doctor_a_line_and_checks_the_count() -> None:
    bulk, session = bulk_with([Reply(200, lines=[*DOCTOR_LINES, b'{"count":2}'])])
    assert list(bulk.export()) == [
        ("10000000017", ExistingDoctor("h", True, None)),
        ("10000000025", ExistingDoctor("", False, "radie")),
    ]
    assert session.calls[0]["url"] == "http://kc:8080/realms/monespace/monespace-sync/doctors/export"
    assert session.calls[0]["stream"] is True
    assert session.calls[0]["headers"] == {"Authorization": "Bearer abc"}


@pytest.mark.parametrize(
    "lines",
    [
        DOCTOR_LINES,  # no count line: cut off
        [*DOCTOR_LINES, b'{"count":3}'],  # a doctor lost
        [DOCTOR_LINES[0], b'["100000'],  # a line cut in the middle
        [DOCTOR_LINES[0], requests.exceptions.ChunkedEncodingError("connection reset")],
    ],
)
def test_a_cut_off_export_is_an_error_never_a_shorter_inventory(lines: list[bytes | Exception]) -> None:
    bulk, _session = bulk_with([Reply(200, lines=lines)])
    with pytest.raises(ExportInterrupted, match="cut off after"):
        list(bulk.export())


def test_upsert_is_sent_again_after_a_lost_connection_a_5xx_or_a_conflict() -> None:
    counts = {"created": 1, "updated": 0, "unchanged": 0, "disabled": 1, "enabled": 0, "sessionsEnded": 3}
    bulk, session = bulk_with(
        [
            requests.ConnectionError("reset"),
            Reply(503, text="busy"),
            Reply(409, {"error": "conflict"}),
            Reply(200, counts),
        ]
    )
    assert bulk.upsert([USER]) == UpsertCounts(created=1, disabled=1, sessions_ended=3)
    assert len(session.calls) == 4
    assert session.calls[-1]["json"] == {"doctors": [write_body(USER)]}


def test_new_doctors_are_created_without_a_lookup_and_on_a_conflict_sent_again_with_lookups() -> None:
    new = dataclasses.replace(USER, creating=True)
    counts = {"created": 0, "updated": 0, "unchanged": 2, "disabled": 0, "enabled": 0, "sessionsEnded": 0}
    bulk, session = bulk_with([Reply(409, {"error": "conflict"}), Reply(200, counts)])
    assert bulk.upsert([new, USER]) == UpsertCounts(unchanged=2)
    flagged, plain = (call["json"]["doctors"] for call in session.calls)
    assert [doctor.get("create") for doctor in flagged] == [True, None], "only the doctor the export did not list"
    assert all("create" not in doctor for doctor in plain), "a stale flag is not sent again"


def test_an_expired_token_is_renewed_once() -> None:
    bulk, _session = bulk_with([Reply(401), Reply(200, {"doctors": []})])
    bulk.check()
    with pytest.raises(BulkEndpointError, match="HTTP 401"):
        bulk_with([Reply(401), Reply(401)])[0].check()


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(404), "providers jar"),
        (Reply(403), "realm role 'ordinal-sync'"),
        (
            Reply(400, {"error": "invalid_batch", "problems": ["a", "b", "c", "d"]}),
            "HTTP 400: a; b; c (and 1 more)",
        ),
    ],
)
def test_failures_are_one_line_and_not_retried(reply: Reply, message: str) -> None:
    bulk, session = bulk_with([reply])
    with pytest.raises(BulkEndpointError, match=re.escape(message)):
        bulk.upsert([USER])
    assert len(session.calls) == 1


def test_persistent_failures_give_up() -> None:
    bulk, session = bulk_with([Reply(502, text="bad gateway")] * 4)
    with pytest.raises(BulkEndpointError, match="HTTP 502: bad gateway"):
        bulk.upsert([USER])
    assert len(session.calls) == 4


def test_batches_are_bounded_and_an_empty_one_sends_nothing() -> None:
    bulk, session = bulk_with([])
    assert bulk.upsert([]) == UpsertCounts()
    with pytest.raises(ValueError, match="at most 1000"):
        bulk.upsert([USER] * 1001)
    assert session.calls == []

"""Keycloak's /metrics (management port) counts what the Ordre watches: codes, failures, activations."""

from __future__ import annotations

import re

import pytest
import requests

from message_sink import MessageSink
from tests.support.doctors import DoctorFactory
from tests.support.journeys import Journey
from tests.support.messages import code_for
from tests.support.rpps import new_rpps


def counter(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_journey_counters(harness, journey: Journey, doctors: DoctorFactory, sink: MessageSink) -> None:  # type: ignore[no-untyped-def]
    if harness.management_url is None:
        pytest.skip("management interface not reachable on this backend")

    def metrics() -> str:
        return requests.get(f"{harness.management_url}/metrics", timeout=10).text

    before = metrics()
    doctor = doctors.create()
    journey.open_creation()
    journey.identity("01/01/1971", new_rpps())
    journey.identify(doctor)
    journey.choose("sms")
    code = code_for(sink, doctor)
    journey.enter_code("000000" if code != "000000" else "111111")
    journey.enter_code(code)
    journey.credentials("Cabinet-Medical-2026!", email=f"m.{doctor.rpps}@exemple.fr")
    after = metrics()

    def grew(name: str, **labels: str) -> bool:
        return counter(after, name, **labels) == counter(before, name, **labels) + 1

    assert grew("monespace_identity_failures_total", reason="identity_mismatch", journey="creation")
    assert grew("monespace_codes_sent_total", channel="sms", journey="creation")
    assert grew("monespace_code_failures_total", reason="invalid_code")
    assert grew("monespace_activations_total", channel="sms")
    assert re.search(r"^monespace_codes_sent_total\{", after, re.M)

"""No account enumeration: creation, recovery and reset answer alike for known and unknown identities."""

from __future__ import annotations

from tests.support.doctors import DoctorFactory
from tests.support.journeys import Journey
from tests.support.oidc import Browser
from tests.support.pages import Page
from tests.support.rpps import new_rpps


def answer(page: Page) -> tuple[int, str, str, list[str]]:
    """What a person (or a script) can compare: status, title, messages, the fields offered."""
    fields = sorted(str(i.get("name")) for i in page.soup.find_all("input") if i.get("type") != "hidden")
    return page.status, page.heading, page.box_text(), fields


def test_creation_answers_alike(journey: Journey, doctors: DoctorFactory) -> None:
    known = doctors.create()
    inactive = doctors.create(status="decede")
    answers = []
    for birth, rpps in (
        ("01/01/1970", known.rpps),
        ("01/01/1970", new_rpps()),
        (inactive.typed_birth_date, inactive.rpps),
    ):
        j = Journey(journey.browser.fresh())
        j.open_creation()
        answers.append(answer(j.identity(birth, rpps)))
    assert answers[0] == answers[1] == answers[2]


def test_recovery_answers_alike(journey: Journey, doctors: DoctorFactory) -> None:
    known = doctors.create(login_email=f"enum.{new_rpps()}@exemple.fr", password="Cabinet-Enum-2026!")
    answers = []
    for rpps in (known.rpps, new_rpps()):
        j = Journey(journey.browser.fresh())
        j.open_recovery()
        answers.append(answer(j.identity("01/01/1970", rpps)))
    assert answers[0] == answers[1]


def test_reset_answers_alike(journey: Journey, doctors: DoctorFactory) -> None:
    known = doctors.create(login_email=f"enum.{new_rpps()}@exemple.fr", password="Cabinet-Enum-2026!")
    answers = []
    for email in (known.login_email or "", f"personne.{new_rpps()}@exemple.fr"):
        j = Journey(journey.browser.fresh())
        j.open_reset()
        answers.append(answer(j.request_reset(email)))
    assert answers[0] == answers[1]


def test_login_answers_alike(browser: Browser, doctors: DoctorFactory) -> None:
    known = doctors.create(login_email=f"enum.{new_rpps()}@exemple.fr", password="Cabinet-Enum-2026!")
    answers = []
    for email in (known.login_email or "", f"personne.{new_rpps()}@exemple.fr", known.rpps):
        answers.append(answer(browser.fresh().login(email, "Mauvais-Mot-De-Passe-1!")))
    assert answers[0] == answers[1] == answers[2], "an RPPS typed at login is refused like any wrong identifier"

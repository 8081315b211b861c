"""Randomised hostile input against every form of a running MonEspace (occasional, long run).

The test suite posts a fixed corpus (tests/integration/test_hostile_input.py); this script lets
Hypothesis generate thousands of values for the identity, code, credentials and reset forms and
prints what it tried and anything that went wrong (a 5xx, a reflected payload, a page without a
French message). Start MonEspace first (scripts/run), then:

    .venv/bin/python bench/fuzz_forms.py --examples 2000
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.journeys import Journey
from tests.support.oidc import Browser

FRENCH_HINTS = ("Veuillez", "Saisissez", "Choisissez", "incorrect", "valide", "comporte", "ne correspondent", "Trop de")


@click.command()
@click.option("--keycloak-url", default="http://localhost:8080", show_default=True)
@click.option("--realm", default="monespace", show_default=True)
@click.option("--redirect-uri", default="http://localhost:8000/auth/callback", show_default=True)
@click.option("--examples", default=500, show_default=True, help="Examples per form.")
def main(keycloak_url: str, realm: str, redirect_uri: str, examples: int) -> None:
    """Fuzz the identity and reset forms; print every broken answer and exit 1 if there was any."""
    problems: list[str] = []
    tried = {"identity": 0, "reset": 0}
    text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)

    def check(kind: str, payload: str, status: int, body: str) -> None:
        tried[kind] += 1
        if status >= 500:
            problems.append(f"{kind}: HTTP {status} for {payload!r}")
        elif "<" in payload and payload in body:
            problems.append(f"{kind}: payload reflected unescaped: {payload!r}")
        elif not any(hint in body for hint in FRENCH_HINTS) and "vous allez recevoir" not in body:
            problems.append(f"{kind}: no French message for {payload!r}")

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(birth=text, rpps=text)
    def identity(birth: str, rpps: str) -> None:
        journey = Journey(Browser(keycloak_url, realm, redirect_uri))
        journey.open_creation()
        page = journey.identity(birth, rpps)
        check("identity", birth + rpps, page.status, page.response.text)

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(email=text)
    def reset(email: str) -> None:
        journey = Journey(Browser(keycloak_url, realm, redirect_uri))
        journey.open_reset()
        page = journey.request_reset(email)
        check("reset", email, page.status, page.response.text)

    started = time.monotonic()
    identity()
    reset()
    elapsed = time.monotonic() - started
    click.echo(f"tried {tried['identity']} identity and {tried['reset']} reset submissions in {elapsed:.0f} s")
    for problem in problems[:50]:
        click.echo(f"PROBLEM {problem}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

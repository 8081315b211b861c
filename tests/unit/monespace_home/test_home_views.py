"""MES SERVICES, Paramètres, logout and the error pages, over Flask's test client."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from monespace_home import Settings, create_app
from monespace_home.settings import SETTINGS_ACTION
from tests.support.fake_oidc import FakeKeycloak, SignInDriver


def page(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def text_of(html: BeautifulSoup, selector: str) -> str:
    node = html.select_one(selector)
    assert node is not None, f"no {selector}"
    return node.get_text()


def query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def test_unauthenticated_home_starts_the_login(driver: SignInDriver) -> None:
    issued = driver.start("/")
    assert issued.params["response_type"] == "code"
    assert issued.params["ui_locales"] == "fr"
    assert "kc_action" not in issued.params


def test_home_shows_the_doctor_and_the_four_tiles(driver: SignInDriver, home_client: FlaskClient) -> None:
    driver.sign_in(name="Jean Dupont", rpps="10101010101")
    response = home_client.get("/")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = page(response.text)
    assert html.html is not None and html.html["lang"] == "fr"
    assert text_of(html, ".me-brand__org") == "ORDRE DES MÉDECINS"
    assert text_of(html, "h1") == "Mes services"  # capitals by CSS
    assert text_of(html, "#me-doctor-name") == "Jean Dupont"
    assert text_of(html, "#me-doctor-rpps") == "10101010101"
    tiles = {a.get_text(): a["href"] for a in html.select(".me-tiles a")}
    assert tiles == {
        "Abonnements": "https://services.exemple.fr/abonnements",
        "Cotisations": "https://services.exemple.fr/cotisations",
        "Mes Gardes": "https://services.exemple.fr/gardes",
        "Paramètres": "/settings",
    }
    assert [b.get_text() for b in html.select("form button")] == ["Se déconnecter"]


def test_the_name_is_escaped(driver: SignInDriver, home_client: FlaskClient) -> None:
    driver.sign_in(name='<script>alert("x")</script>')
    text = home_client.get("/").text
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_parametres_asks_keycloak_for_the_settings_action(driver: SignInDriver, home_client: FlaskClient) -> None:
    driver.sign_in()
    issued = driver.start("/settings")
    assert issued.params["kc_action"] == SETTINGS_ACTION
    assert issued.params["code_challenge_method"] == "S256"


def test_parametres_without_a_session_signs_in_first(driver: SignInDriver) -> None:
    issued = driver.start("/settings")
    assert "kc_action" not in issued.params


@pytest.mark.parametrize(
    ("status", "text", "role"),
    [
        ("success", "Vos paramètres de connexion ont été enregistrés.", "status"),
        ("cancelled", "Vous avez quitté Paramètres : rien n'a été modifié.", "status"),
        ("error", "Vos paramètres n'ont pas pu être modifiés.", "alert"),
    ],
)
def test_the_settings_outcome_is_told_on_the_home_page(
    status: str,
    text: str,
    role: str,
    driver: SignInDriver,
    fake_keycloak: FakeKeycloak,
    home_client: FlaskClient,
) -> None:
    driver.sign_in()
    issued = driver.start("/settings")
    fake_keycloak.answer_valid(issued)
    response = driver.callback(issued, kc_action_status=status)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    notice = page(home_client.get("/").text).select_one("#me-notice")
    assert notice is not None and text in notice.get_text() and notice["role"] == role
    # Said once: gone on the next visit.
    assert page(home_client.get("/").text).select_one("#me-notice") is None


def test_a_settings_action_refused_without_a_code_keeps_the_doctor_home(
    driver: SignInDriver, home_client: FlaskClient
) -> None:
    driver.sign_in()
    issued = driver.start("/settings")
    response = home_client.get(
        "/auth/callback", query_string={"error": "invalid_request", "state": issued.params["state"]}
    )
    assert response.headers["Location"] == "/"
    assert "n'ont pas pu être modifiés" in page(home_client.get("/").text).get_text()
    with home_client.session_transaction() as session:
        assert not [k for k in session if k.startswith("_state_")], "the request is over"


def test_an_error_callback_shows_a_french_page_with_a_retry_link(home_client: FlaskClient) -> None:
    response = home_client.get("/auth/callback", query_string={"error": "access_denied", "state": "x"})
    assert response.status_code == 400
    html = page(response.text)
    assert html.h1 is not None and html.h1.get_text() == "Connexion impossible"
    assert html.select_one("[role=alert]") is not None
    retry = html.select_one(".me-actions a")
    assert retry is not None and retry["href"] == "/login" and retry.get_text() == "Se reconnecter"


def test_a_callback_this_browser_did_not_start_signs_in_again_once(
    driver: SignInDriver, home_client: FlaskClient, fake_keycloak: FakeKeycloak
) -> None:
    """E.g. a reset link opened in another browser: Keycloak's session answers the new request."""
    response = home_client.get("/auth/callback", query_string={"state": "unknown", "code": "c"})
    assert response.status_code == 302
    params = query(response.headers["Location"])
    assert params["redirect_uri"] == "http://localhost:8000/auth/callback?restart=1"
    # The restarted request completes normally (the redirect URI is the one Authlib stored).
    issued = fake_keycloak.issue(response.headers["Location"])
    fake_keycloak.answer_valid(issued)
    callback = home_client.get(
        "/auth/callback", query_string={"restart": "1", "state": issued.params["state"], "code": issued.code}
    )
    assert callback.headers["Location"] == "/"
    # A second unknown state after a restart is not retried: no loop.
    again = home_client.get("/auth/callback", query_string={"restart": "1", "state": "unknown", "code": "c"})
    assert again.status_code == 400 and "Connexion impossible" in again.text


def test_logout_ends_both_sessions_with_the_id_token_hint(
    driver: SignInDriver, home_client: FlaskClient, fake_keycloak: FakeKeycloak
) -> None:
    driver.sign_in()
    with home_client.session_transaction() as session:
        id_token, csrf = session["id_token"], session["csrf"]
    form = page(home_client.get("/").text).select_one("form.me-logout")
    assert form is not None and form["method"] == "post" and form["action"] == "/logout"
    response = home_client.post("/logout", data={"csrf_token": csrf})
    location = response.headers["Location"]
    assert location.startswith(fake_keycloak.end_session_endpoint)
    params = query(location)
    assert params["id_token_hint"] == id_token
    assert params["post_logout_redirect_uri"] == "http://localhost:8000/logged-out"
    assert params["client_id"] == "monespace-home"
    with home_client.session_transaction() as session:
        assert "doctor" not in session and "id_token" not in session
    # Back from Keycloak.
    done = home_client.get("/logged-out", query_string={"state": params["state"]})
    html = page(done.text)
    assert html.h1 is not None and html.h1.get_text() == "Vous êtes déconnecté"
    link = html.select_one(".me-actions a")
    assert link is not None and link["href"] == "/login" and link.get_text() == "Se connecter"
    # And the home asks for a login again.
    assert home_client.get("/").headers["Location"].startswith(fake_keycloak.authorization_endpoint)


def test_a_forged_logout_gives_keycloak_no_hint(driver: SignInDriver, home_client: FlaskClient) -> None:
    """Without our form's token Keycloak is not told who: it asks the doctor to confirm."""
    driver.sign_in()
    response = home_client.post("/logout", data={"csrf_token": "guessed"})
    assert "id_token_hint" not in query(response.headers["Location"])


def test_logout_is_post_only(home_client: FlaskClient) -> None:
    response = home_client.get("/logout")
    assert response.status_code == 405
    assert "Une erreur est survenue" in response.text


def test_keycloak_down_is_a_french_page_not_a_trace() -> None:
    settings = Settings(keycloak_url="http://127.0.0.1:9", secret_key="unit-tests-secret-key-0123456789")
    client = create_app(settings).test_client()
    response = client.get("/")
    assert response.status_code == 503
    html = page(response.text)
    assert html.h1 is not None and html.h1.get_text() == "Service momentanément indisponible"
    retry = html.select_one(".me-actions a")
    assert retry is not None and retry["href"] == "/" and retry.get_text() == "Réessayer"
    assert "Traceback" not in response.text and "requests" not in response.text


def test_keycloak_failing_at_the_token_endpoint_is_a_french_page(
    driver: SignInDriver, fake_keycloak: FakeKeycloak, home_client: FlaskClient
) -> None:
    issued = driver.start()
    fake_keycloak.stop()
    try:
        response = driver.callback(issued)
    finally:
        fake_keycloak.start()
    assert response.status_code == 503
    assert "Service momentanément indisponible" in response.text


def test_unknown_page_and_unexpected_error_are_french(home_settings: Settings) -> None:
    app = create_app(home_settings)

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("internal detail")

    client = app.test_client()
    missing = client.get("/nulle-part")
    assert missing.status_code == 404 and "Page introuvable" in missing.text
    broken = client.get("/boom")
    assert broken.status_code == 500
    assert "Une erreur est survenue" in broken.text and "internal detail" not in broken.text


def test_session_cookie_is_small_http_only_and_lax(driver: SignInDriver) -> None:
    response = driver.sign_in()
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("monespace_home_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie, "http://localhost in development"
    assert len(cookie) < 4096


def test_abandoned_login_requests_do_not_grow_the_cookie_past_4_kb(
    driver: SignInDriver, home_client: FlaskClient
) -> None:
    for _ in range(20):  # e.g. tabs left on the login page
        driver.start("/login")
    response = driver.sign_in(path="/login", name="Marie-Élisabeth de La Rochefoucauld-Montbel")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("monespace_home_session="))
    assert len(cookie) < 3000
    with home_client.session_transaction() as session:
        assert not [k for k in session if k.startswith("_state_")]
    pending = [driver.start("/login") for _ in range(5)]
    with home_client.session_transaction() as session:
        assert len([k for k in session if k.startswith("_state_")]) == 3
        assert all("url" not in session[k]["data"] for k in session if k.startswith("_state_"))
    # The most recent requests still complete.
    assert driver.complete(pending[-1]).headers["Location"] == "/"


def test_cookies_are_secure_behind_https(fake_keycloak: FakeKeycloak) -> None:
    settings = Settings(
        keycloak_url=fake_keycloak.url,
        public_url="https://monespace.ordre.medecin.fr",
        secret_key="unit-tests-secret-key-0123456789",
    )
    client = create_app(settings).test_client()
    response = client.get("/")
    assert "Secure" in response.headers["Set-Cookie"]
    assert query(response.headers["Location"])["redirect_uri"] == ("https://monespace.ordre.medecin.fr/auth/callback")


def test_pages_forbid_framing_and_inline_script(home_client: FlaskClient) -> None:
    policy = home_client.get("/logged-out").headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src" not in policy  # default-src 'self'

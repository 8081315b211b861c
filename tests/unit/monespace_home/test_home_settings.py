"""Settings: documented defaults, MONESPACE_HOME_* variables, overrides, refusals that name the variable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from monespace_home import HomeServer, Settings, SettingsError
from monespace_home.__main__ import main
from monespace_home.server import HomeServerError
from provisioning.devstack.paths import ROOT, THEME


def test_defaults_are_the_dev_stacks() -> None:
    settings = Settings.from_env({})
    assert settings.keycloak_url == "http://localhost:8080"
    assert settings.realm == "monespace"
    assert settings.client_id == "monespace-home"
    assert settings.public_url == "http://localhost:8000"
    assert settings.issuer == "http://localhost:8080/realms/monespace"
    assert settings.metadata_url == "http://localhost:8080/realms/monespace/.well-known/openid-configuration"
    assert settings.redirect_uri == "http://localhost:8000/auth/callback"
    assert settings.post_logout_redirect_uri == "http://localhost:8000/logged-out"
    assert settings.port == 8000
    assert not settings.secure_cookies
    for url in (settings.abonnements_url, settings.cotisations_url, settings.gardes_url):
        assert url.startswith("https://www.ordre.medecin.fr/")


def test_environment_then_overrides() -> None:
    env = {
        "MONESPACE_HOME_KEYCLOAK_URL": "https://auth.ordre.medecin.fr/",
        "MONESPACE_HOME_REALM": "monespace-recette",
        "MONESPACE_HOME_CLIENT_ID": "monespace-home-recette",
        "MONESPACE_HOME_PUBLIC_URL": "https://monespace.ordre.medecin.fr/",
        "MONESPACE_HOME_SECRET_KEY": "s" * 32,
        "MONESPACE_HOME_ABONNEMENTS_URL": "https://abonnements.exemple.fr/",
        "MONESPACE_HOME_COTISATIONS_URL": "https://cotisations.exemple.fr/",
        "MONESPACE_HOME_GARDES_URL": "https://gardes.exemple.fr/",
        "MONESPACE_HOME_UNRELATED": "ignored",
    }
    settings = Settings.from_env(env, realm="from-option", gardes_url=None)
    assert settings.keycloak_url == "https://auth.ordre.medecin.fr", "no trailing slash"
    assert settings.public_url == "https://monespace.ordre.medecin.fr"
    assert settings.realm == "from-option"
    assert settings.client_id == "monespace-home-recette"
    assert settings.secret_key == "s" * 32
    assert settings.gardes_url == "https://gardes.exemple.fr/", "None overrides nothing; service URLs as given"
    assert settings.port == 443 and settings.secure_cookies
    assert settings.issuer == "https://auth.ordre.medecin.fr/realms/from-option"


def test_blank_variables_mean_default() -> None:
    assert Settings.from_env({"MONESPACE_HOME_REALM": "  "}).realm == "monespace"


def test_without_a_secret_key_each_process_draws_its_own() -> None:
    first, second = Settings.from_env({}), Settings.from_env({})
    assert first.secret_key != second.secret_key and len(first.secret_key) >= 32
    assert first.secret_key not in repr(first), "never printed"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("MONESPACE_HOME_KEYCLOAK_URL", "localhost:8080", "MONESPACE_HOME_KEYCLOAK_URL"),
        ("MONESPACE_HOME_PUBLIC_URL", "ftp://x.fr", "MONESPACE_HOME_PUBLIC_URL"),
        ("MONESPACE_HOME_GARDES_URL", "/gardes", "MONESPACE_HOME_GARDES_URL"),
        ("MONESPACE_HOME_SECRET_KEY", "short", "MONESPACE_HOME_SECRET_KEY is too short"),
    ],
)
def test_unusable_values_name_their_variable(variable: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        Settings.from_env({variable: value})


def test_an_unknown_override_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="unknown settings: colour"):
        Settings.from_env({}, colour="blue")


def test_command_line_options_fall_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    served: dict[str, object] = {}

    def fake_serve(app: object, **kwargs: object) -> None:
        served.update(kwargs, app=app)

    monkeypatch.setattr("waitress.serve", fake_serve)
    result = CliRunner().invoke(
        main,
        ["--realm", "cli-realm", "--threads", "4"],
        env={
            "MONESPACE_HOME_PUBLIC_URL": "http://localhost:8123",
            "MONESPACE_HOME_KEYCLOAK_URL": "http://127.0.0.1:18080",
            "MONESPACE_HOME_SECRET_KEY": "",
        },
    )
    assert result.exit_code == 0, result.output
    assert served["port"] == 8123 and served["host"] == "127.0.0.1" and served["threads"] == 4
    assert "http://127.0.0.1:18080/realms/cli-realm" in result.output
    assert "MONESPACE_HOME_SECRET_KEY is not set" in result.output


def test_command_line_refuses_a_bad_url_in_one_line() -> None:
    result = CliRunner().invoke(main, ["--keycloak-url", "nope"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: MONESPACE_HOME_KEYCLOAK_URL: 'nope' is not an http(s) URL"


def test_home_server_starts_stops_and_reports_a_busy_port() -> None:
    settings = Settings(public_url="http://localhost:0", keycloak_url="http://127.0.0.1:9")
    server = HomeServer(settings, port=0).start()
    try:
        port = server._server.server_port  # type: ignore[union-attr]
        reply = requests.get(f"http://127.0.0.1:{port}/logged-out", timeout=5)
        assert reply.status_code == 200 and "Vous êtes déconnecté" in reply.text
        with pytest.raises(HomeServerError, match=f"cannot listen on 127.0.0.1:{port}"):
            HomeServer(settings, port=port).start()
    finally:
        server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/logged-out", timeout=5)


def test_the_home_wears_the_login_themes_colours() -> None:
    """home.css repeats the theme's colour tokens (no shared build step): they must not drift."""

    def tokens(path: Path) -> dict[str, str]:
        return dict(re.findall(r"(--me-[a-z-]+):\s*([^;]+);", path.read_text()))

    theme = tokens(THEME / "login" / "resources" / "css" / "monespace.css")
    home = tokens(ROOT / "monespace_home" / "static" / "home.css")
    assert home and {name: theme.get(name) for name in home} == home


def test_an_internal_keycloak_url_serves_discovery_while_the_issuer_stays_public() -> None:
    settings = Settings.from_env(
        {
            "MONESPACE_HOME_KEYCLOAK_URL": "https://connexion.ordre.example",
            "MONESPACE_HOME_KEYCLOAK_INTERNAL_URL": "http://keycloak:8080/",
        }
    )
    assert settings.issuer == "https://connexion.ordre.example/realms/monespace"
    assert settings.metadata_url == "http://keycloak:8080/realms/monespace/.well-known/openid-configuration"


def test_the_database_url_is_postgresql_and_never_shown() -> None:
    url = "postgresql://home:s3cret@db:5432/home"
    settings = Settings.from_env({"MONESPACE_HOME_DATABASE_URL": url})
    assert settings.database_url == url
    assert "s3cret" not in repr(settings)
    with pytest.raises(SettingsError, match="MONESPACE_HOME_DATABASE_URL: not a postgresql:// URL"):
        Settings.from_env({"MONESPACE_HOME_DATABASE_URL": "redis://cache:6379"})

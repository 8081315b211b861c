"""The Flask application: settings, session cookie, the Keycloak client and the views."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from werkzeug.wrappers import Response

from monespace_home.oidc import KeycloakLogin
from monespace_home.revocations import InMemoryRevocations, SessionRevocations
from monespace_home.settings import Settings
from monespace_home.views import register_views

#: Server-side bound on a signed session cookie's age. The cookie itself ends with the browser;
#: this also ends a copied one. Keycloak's own SSO session maximum defaults to 10 hours.
SESSION_MAX_AGE = timedelta(hours=10)


def create_app(settings: Settings | None = None, revocations: SessionRevocations | None = None) -> Flask:
    """`revocations`: the sessions Keycloak ended (back-channel logout); by default PostgreSQL when
    the settings name a database (shared by several home processes), else in-process, which
    serves one home process only (see monespace_home/revocations.py)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        # Distinct name: Keycloak's cookies share the host (localhost) in development.
        SESSION_COOKIE_NAME="monespace_home_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        # Lax, not Strict: the OIDC callback is a top-level navigation coming from Keycloak,
        # and it needs the cookie holding the request's state, nonce and PKCE verifier.
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=SESSION_MAX_AGE,
        MONESPACE_HOME=settings,
    )
    app.extensions["monespace_home.login"] = KeycloakLogin(app, settings)
    # Records live as long as a session may: sessions signed in before a record are refused for
    # their age (views.end_ended_sessions) before it is forgotten.
    if revocations is None and settings.database_url:
        from monespace_home.revocations_pg import PostgresRevocations

        revocations = PostgresRevocations(settings.database_url, SESSION_MAX_AGE)
    if revocations is None:
        revocations = InMemoryRevocations(SESSION_MAX_AGE)
    app.extensions["monespace_home.revocations"] = revocations
    register_views(app)
    # Pages show a doctor's name and RPPS: never cached, never framed, no inline script. The
    # logout form's redirect goes on to Keycloak, and Chromium applies form-action to it.
    policy = (
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
        f"form-action 'self' {settings.keycloak_url}"
    )

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return app

"""The Flask application of the support page: settings, cookie, Keycloak client, agents' sessions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import Flask
from werkzeug.wrappers import Response

import monespace_home
from monespace_support.keycloak_api import SupportApi
from monespace_support.oidc import KeycloakLogin
from monespace_support.sessions import MAX_AGE_SECONDS, AgentSessions
from monespace_support.settings import Settings
from monespace_support.views import register_views

#: The home's stylesheet: one look for the Ordre's pages (the support page adds its own few rules).
HOME_STATIC = Path(monespace_home.__file__).parent / "static"


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__, static_folder=str(HOME_STATIC), static_url_path="/static")
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_NAME="monespace_support_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        # Lax: the OIDC callback is a top-level navigation from Keycloak that needs the cookie.
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=MAX_AGE_SECONDS),
        MONESPACE_SUPPORT=settings,
    )
    app.extensions["monespace_support.login"] = KeycloakLogin(app, settings)
    app.extensions["monespace_support.sessions"] = AgentSessions()
    app.extensions["monespace_support.api"] = SupportApi(settings.backchannel_url, settings.realm)
    register_views(app)
    # Doctors' data: never cached, never framed, no inline script; the logout form goes on to Keycloak.
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

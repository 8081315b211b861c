"""The pages: MES SERVICES, the OIDC callback, Paramètres, logout (RP-initiated and back-channel),
and French error pages."""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from dataclasses import dataclass, replace

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    g,
    get_flashed_messages,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from monespace_home.backchannel import InvalidLogoutToken
from monespace_home.oidc import Doctor, KeycloakLogin, KeycloakUnavailable, LoginFailed, SignIn, StaleCallback
from monespace_home.revocations import RevocationsUnavailable, SessionRevocations
from monespace_home.settings import BACKCHANNEL_LOGOUT_PATH, CALLBACK_PATH, LOGGED_OUT_PATH, SETTINGS_ACTION, Settings

log = logging.getLogger(__name__)
views = Blueprint("home", __name__)

#: What the home says after Paramètres, by the kc_action_status Keycloak returns.
ACTION_NOTICES: dict[str, tuple[str, str]] = {
    "success": ("success", "Vos paramètres de connexion ont été enregistrés."),
    "cancelled": ("info", "Vous avez quitté Paramètres : rien n'a été modifié."),
    "error": (
        "error",
        "Vos paramètres n'ont pas pu être modifiés. Veuillez réessayer ; si le problème persiste, "
        "contactez l'assistance.",
    ),
}


@dataclass(frozen=True)
class Tile:
    id: str
    label: str
    url: str


@dataclass(frozen=True)
class ErrorPage:
    title: str
    text: str
    retry_label: str
    status: int


LOGIN_FAILED = ErrorPage(
    "Connexion impossible",
    "La connexion à votre espace n'a pas pu aboutir. Veuillez vous reconnecter.",
    "Se reconnecter",
    400,
)
UNAVAILABLE = ErrorPage(
    "Service momentanément indisponible",
    "Le service de connexion de l'Ordre ne répond pas. Veuillez réessayer dans quelques instants.",
    "Réessayer",
    503,
)
NOT_FOUND = ErrorPage("Page introuvable", "Cette page n'existe pas ou n'existe plus.", "Mes services", 404)
UNEXPECTED = ErrorPage(
    "Une erreur est survenue", "Votre demande n'a pas pu aboutir. Veuillez réessayer.", "Réessayer", 500
)


def _settings() -> Settings:
    settings: Settings = current_app.config["MONESPACE_HOME"]
    return settings


def _login() -> KeycloakLogin:
    login: KeycloakLogin = current_app.extensions["monespace_home.login"]
    return login


def _revocations() -> SessionRevocations:
    revocations: SessionRevocations = current_app.extensions["monespace_home.revocations"]
    return revocations


def _signed_in() -> Doctor | None:
    return Doctor.from_session(session.get("doctor"))


@views.before_app_request
def end_ended_sessions() -> None:
    """Every request: a session Keycloak has ended since its sign-in is cleared, so the page asks
    for login again. So is one older than the session lifetime: the cookie's own age restarts at
    each change, and the revocation store forgets records after that lifetime."""
    doctor = _signed_in()
    if doctor is None:
        return
    signed_in_at = session.get("signed_in_at")
    if not isinstance(signed_in_at, int | float):
        reason = "signed in before sign-in times were kept"
    elif time.time() - signed_in_at > current_app.permanent_session_lifetime.total_seconds():
        reason = "older than the session lifetime"
    elif _revocations().is_revoked(sid=session.get("sid"), sub=doctor.subject, signed_in_at=signed_in_at):
        reason = "ended at Keycloak"
        g.ended_at_keycloak = True
    else:
        return
    log.info("home session of %s cleared: %s", doctor.subject, reason)
    session.clear()


def tiles(settings: Settings) -> list[Tile]:
    return [
        Tile("abonnements", "Abonnements", settings.abonnements_url),
        Tile("cotisations", "Cotisations", settings.cotisations_url),
        Tile("gardes", "Mes Gardes", settings.gardes_url),
        Tile("parametres", "Paramètres", url_for("home.account_settings")),
    ]


@views.get("/")
def index() -> Response | str:
    doctor = _signed_in()
    if doctor is None:
        return _login().redirect_to_login()
    return render_template(
        "home.html",
        doctor=doctor,
        tiles=tiles(_settings()),
        notices=get_flashed_messages(with_categories=True),
        csrf_token=session.get("csrf", ""),
    )


@views.get("/login")
def login() -> Response:
    return _login().redirect_to_login()


@views.get("/settings")
def account_settings() -> Response:
    """Paramètres (SPEC §5): Keycloak's application-initiated action, then back to the callback."""
    if _signed_in() is None:
        return _login().redirect_to_login()
    # Keycloak may refuse the action with a bare `error` (no kc_action_status): remembering that
    # one was asked lets the callback still tell the doctor on the home page.
    session["pending_action"] = SETTINGS_ACTION
    return _login().redirect_to_login(kc_action=SETTINGS_ACTION)


@views.get(CALLBACK_PATH)
def callback() -> Response | tuple[str, int]:
    """Where every sign-in lands: login, activation, password reset and Paramètres."""
    action_asked = session.pop("pending_action", None) is not None
    status = request.args.get("kc_action_status")
    notice = ACTION_NOTICES.get(status or "")
    if notice is None and action_asked and "error" in request.args:
        notice = ACTION_NOTICES["error"]

    if "code" not in request.args:
        log.warning(
            "callback without a code: error=%s description=%s",
            request.args.get("error"),
            request.args.get("error_description"),
        )
        _login().forget_request(request.args.get("state"))
        if notice and _signed_in():
            flash(notice[1], notice[0])
            return redirect(url_for("home.index"))
        return error_page(LOGIN_FAILED, retry=url_for("home.login"))

    try:
        sign_in = _login().finish_login()
    except StaleCallback:
        # The sign-in happened, but this browser did not start it (a reset link opened elsewhere,
        # a back button…): ask again; Keycloak's session answers at once. `restart` breaks loops,
        # e.g. a browser refusing our cookie.
        if request.args.get("restart"):
            log.warning("callback with an unknown state after a restart: giving up")
            return error_page(LOGIN_FAILED, retry=url_for("home.login"))
        return _login().redirect_to_login(redirect_uri=_settings().redirect_uri + "?restart=1")
    except LoginFailed as exc:
        log.warning("sign-in refused: %s", exc)
        return error_page(LOGIN_FAILED, retry=url_for("home.login"))

    _start_session(sign_in)
    if notice:
        flash(notice[1], notice[0])
    return redirect(url_for("home.index"))


def _start_session(sign_in: SignIn) -> None:
    # A new session for each sign-in: nothing of a previous doctor or of pending requests stays.
    session.clear()
    session["doctor"] = sign_in.doctor.to_session()
    session["id_token"] = sign_in.id_token
    # The ID token's sid (36 characters, not the decoded token: the cookie stays small) and the
    # sign-in time, to compare with the sessions Keycloak ends (back-channel logout).
    session["sid"] = sign_in.sid
    session["signed_in_at"] = round(time.time(), 3)
    session["csrf"] = secrets.token_urlsafe(24)


@views.post("/logout")
def logout() -> Response:
    if g.get("ended_at_keycloak"):
        # Keycloak's session is already gone (a page left open): nothing to end there, and
        # without an ID token hint Keycloak would ask the doctor to confirm for nothing.
        return redirect(url_for("home.logged_out"))
    expected = session.get("csrf")
    given = request.form.get("csrf_token", "")
    genuine = bool(expected) and hmac.compare_digest(str(expected), given)
    # A forged or stale form still ends the local session, but without the ID token hint, so
    # Keycloak asks the doctor to confirm before ending its own.
    id_token = session.get("id_token") if genuine else None
    session.clear()
    return _login().redirect_to_logout(id_token)


@views.get(LOGGED_OUT_PATH)
def logged_out() -> str:
    session.clear()
    return render_template("logged_out.html")


@views.post(BACKCHANNEL_LOGOUT_PATH)
def backchannel_logout() -> tuple[Response, int]:
    """OIDC Back-Channel Logout 1.0: Keycloak posts `logout_token` when a doctor's session ends
    (logout elsewhere, password or login e-mail change, an administrator). Answers 200 once the
    session is recorded as ended, 400 for a token that does not validate."""
    try:
        ended = _login().ended_session(request.form.get("logout_token", ""))
    except InvalidLogoutToken as exc:
        log.warning("back-channel logout refused: %s", exc)
        return _backchannel_error("invalid_request", "The logout token is not valid.", 400)
    except KeycloakUnavailable as exc:
        log.error("back-channel logout: %s", exc)
        return _backchannel_error("temporarily_unavailable", "The realm's keys cannot be read.", 503)
    try:
        _revocations().revoke(sid=ended.sid, sub=ended.sub)
    except RevocationsUnavailable as exc:
        log.error("back-channel logout: %s", exc)
        return _backchannel_error("temporarily_unavailable", "The ended session cannot be recorded.", 503)
    log.info("Keycloak ended session sid=%s sub=%s", ended.sid, ended.sub)
    return jsonify({}), 200


def _backchannel_error(error: str, description: str, status: int) -> tuple[Response, int]:
    return jsonify(error=error, error_description=description), status


def error_page(page: ErrorPage, retry: str | None = None) -> tuple[str, int]:
    return render_template("error.html", page=page, retry=retry or url_for("home.index")), page.status


def register_views(app: Flask) -> None:
    app.register_blueprint(views)

    @app.errorhandler(KeycloakUnavailable)
    @app.errorhandler(RevocationsUnavailable)
    def keycloak_unavailable(exc: Exception) -> tuple[str, int]:
        log.error("%s", exc)
        return error_page(UNAVAILABLE)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[str, int]:
        if exc.code == 404:
            return error_page(NOT_FOUND)
        return error_page(replace(UNEXPECTED, status=exc.code or 500))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> tuple[str, int]:
        log.exception("unexpected error")
        return error_page(UNEXPECTED)

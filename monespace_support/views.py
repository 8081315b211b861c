"""The pages: search, one doctor, the actions (each with the agent's reason), sign-in and
sign-out, French error pages. Every call to Keycloak carries the agent's own token."""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from typing import Any

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    g,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from monespace_support import texts
from monespace_support.keycloak_api import RPPS, NoAccess, NotInReach, Refused, SupportApi
from monespace_support.names import NATIONAL
from monespace_support.oidc import KeycloakLogin, KeycloakUnavailable, LoginFailed, SessionEnded
from monespace_support.sessions import AgentSession, AgentSessions
from monespace_support.settings import CALLBACK_PATH, LOGGED_OUT_PATH, Settings

log = logging.getLogger(__name__)
views = Blueprint("support", __name__, static_folder="static", static_url_path="/support-static")

#: The support endpoint's rule for reasons (SupportResource.REASON_MIN/MAX), checked here first
#: so the agent gets the message next to the field; Keycloak checks it again.
REASON_MIN = 5
REASON_MAX = 500
#: Actions an agent can ask for, in the order the page shows them.
ACTIONS = ("unlock", "reset-link", "logout", "disable", "enable")


@dataclass(frozen=True)
class ErrorPage:
    title: str
    text: str
    status: int


# rédigé par l'équipe MonEspace — à valider par l'Ordre
UNAVAILABLE = ErrorPage(
    "Service momentanément indisponible",
    "Le service de connexion de l'Ordre ne répond pas. Veuillez réessayer dans quelques instants.",
    503,
)
# rédigé par l'équipe MonEspace — à valider par l'Ordre
NO_ACCESS = ErrorPage(
    "Accès réservé aux agents d'assistance",
    "Votre compte n'est pas celui d'un agent d'assistance d'un conseil. Déconnectez-vous et connectez-vous "
    "avec votre identifiant d'agent.",
    403,
)
# rédigé par l'équipe MonEspace — à valider par l'Ordre
LOGIN_FAILED = ErrorPage("Connexion impossible", "La connexion n'a pas pu aboutir. Veuillez vous reconnecter.", 400)
# rédigé par l'équipe MonEspace — à valider par l'Ordre
NOT_FOUND = ErrorPage("Page introuvable", "Cette page n'existe pas.", 404)
# rédigé par l'équipe MonEspace — à valider par l'Ordre
UNEXPECTED = ErrorPage("Une erreur est survenue", "Votre demande n'a pas pu aboutir. Veuillez réessayer.", 500)


def _settings() -> Settings:
    settings: Settings = current_app.config["MONESPACE_SUPPORT"]
    return settings


def _login() -> KeycloakLogin:
    login: KeycloakLogin = current_app.extensions["monespace_support.login"]
    return login


def _sessions() -> AgentSessions:
    sessions: AgentSessions = current_app.extensions["monespace_support.sessions"]
    return sessions


def _api() -> SupportApi:
    api: SupportApi = current_app.extensions["monespace_support.api"]
    return api


def _agent() -> AgentSession | None:
    agent = _sessions().get(session.get("agent"))
    g.agent = agent
    return agent


def _token(agent: AgentSession) -> str:
    return _login().access_token(agent)


@views.get("/")
def search() -> Response | str:
    agent = _agent()
    if agent is None:
        return _login().redirect_to_login()
    query = request.args.get("q", "").strip()
    hits = None
    error = None
    if "q" in request.args:
        if len(query) < 2:
            # rédigé par l'équipe MonEspace — à valider par l'Ordre
            error = "Saisissez un numéro RPPS (11 chiffres) ou au moins deux lettres du nom."
        else:
            digits = query.replace(" ", "")
            if RPPS.match(digits):
                # One doctor by RPPS: straight to their page (Keycloak says whether they are in reach).
                return redirect(url_for("support.doctor", rpps=digits))
            hits = _api().search(_token(agent), query[:100])
    return render_template("search.html", agent=agent, query=query, hits=hits, error=error)


@views.get("/medecins/<rpps>")
def doctor(rpps: str) -> Response | str | tuple[str, int]:
    agent = _agent()
    if agent is None:
        return _login().redirect_to_login()
    return _doctor_page(agent, rpps)


def _doctor_page(
    agent: AgentSession, rpps: str, errors: dict[str, str] | None = None, status: int = 200
) -> str | tuple[str, int]:
    try:
        report = _api().report(_token(agent), rpps)
    except NotInReach:
        return render_template("not_found.html", agent=agent, rpps=rpps, text=texts.NOT_IN_REACH), 404
    page = render_template(
        "doctor.html",
        agent=agent,
        doctor=report,
        notices=get_flashed_messages(with_categories=True),
        errors=errors or {},
        reasons={key: request.form.get(f"reason-{key}", "") for key in ACTIONS} if errors else {},
        texts=texts,
        actions=texts.ACTIONS,
    )
    return page, status


@views.post("/medecins/<rpps>/<action>")
def act(rpps: str, action: str) -> Response | str | tuple[str, int]:
    agent = _agent()
    if agent is None:
        return _login().redirect_to_login()
    if action not in ACTIONS:
        return error_page(NOT_FOUND)
    if not hmac.compare_digest(agent.csrf, request.form.get("csrf_token", "")):
        # rédigé par l'équipe MonEspace — à valider par l'Ordre
        flash("La page avait expiré : rien n'a été fait. Recommencez votre action.", "error")
        return redirect(url_for("support.doctor", rpps=rpps))
    reason = " ".join(request.form.get(f"reason-{action}", "").split())
    limits = request.form.getlist("limit") if action == "unlock" else None
    error = None
    if len(reason) < REASON_MIN:
        error = texts.REFUSALS["reason_required"]
    elif len(reason) > REASON_MAX:
        error = texts.REFUSALS["reason_invalid"]
    elif action == "unlock" and not limits:
        # rédigé par l'équipe MonEspace — à valider par l'Ordre
        error = "Cochez au moins un verrou ou une limite à lever."
    if error is None:
        try:
            answer = _api().act(_token(agent), rpps, action, reason, limits)
        except Refused as refusal:
            error = texts.REFUSALS.get(refusal.code, UNEXPECTED.text)
    if error is not None:
        return _doctor_page(agent, rpps, errors={action: error}, status=400)
    flash(texts.with_validity(texts.DONE[action], answer.get("outcome", {}).get("validSeconds")), "success")
    return redirect(url_for("support.doctor", rpps=rpps) + "#me-notice")


@views.get("/login")
def login() -> Response:
    return _login().redirect_to_login()


@views.get(CALLBACK_PATH)
def callback() -> Response | tuple[str, int]:
    if "code" not in request.args:
        log.warning("callback without a code: error=%s", request.args.get("error"))
        return error_page(LOGIN_FAILED)
    try:
        agent = _login().finish_login()
    except LoginFailed as exc:
        log.warning("agent sign-in refused: %s", exc)
        return error_page(LOGIN_FAILED)
    _sessions().remove(session.get("agent"))
    session.clear()
    session["agent"] = _sessions().add(agent)
    log.info("agent %s signed in (%s)", agent.username, ", ".join(agent.councils) or "no conseil")
    return redirect(url_for("support.search"))


@views.post("/logout")
def logout() -> Response:
    agent = _sessions().remove(session.get("agent"))
    genuine = agent is not None and hmac.compare_digest(agent.csrf, request.form.get("csrf_token", ""))
    session.clear()
    return _login().redirect_to_logout(agent.id_token if agent is not None and genuine else None)


@views.get(LOGGED_OUT_PATH)
def logged_out() -> str:
    session.clear()
    return render_template("logged_out.html", agent=None)


def error_page(page: ErrorPage) -> tuple[str, int]:
    return render_template("error.html", page=page, agent=g.get("agent")), page.status


def register_views(app: Flask) -> None:
    app.register_blueprint(views)

    @app.context_processor
    def agent_context() -> dict[str, Any]:
        return {"texts": texts, "national": NATIONAL}

    @app.errorhandler(SessionEnded)
    def session_ended(exc: SessionEnded) -> Response:
        log.info("agent session ended at Keycloak: %s", exc)
        _sessions().remove(session.get("agent"))
        session.clear()
        return _login().redirect_to_login()

    @app.errorhandler(NoAccess)
    def no_access(exc: NoAccess) -> tuple[str, int]:
        return error_page(NO_ACCESS)

    @app.errorhandler(KeycloakUnavailable)
    def unavailable(exc: KeycloakUnavailable) -> tuple[str, int]:
        log.error("%s", exc)
        return error_page(UNAVAILABLE)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[str, int]:
        return error_page(NOT_FOUND if exc.code == 404 else UNEXPECTED)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> tuple[str, int]:
        log.exception("unexpected error")
        return error_page(UNEXPECTED)

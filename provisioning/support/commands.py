"""`monespace support show | unlock | audit | agent add | agent reset`: the national support's
twins of the support page, with the CLI's admin credentials (a realm administrator of master, or a
service account allowed to manage the realm's users). The endpoint checks that right with
Keycloak's own evaluation and records each call as an admin event naming the caller."""

from __future__ import annotations

import json
import re
import secrets
import string
from datetime import date
from typing import Any

import click

from keycloak_connection.admin import AdminSettings, KeycloakUnavailable, access_token, connect, server_url
from keycloak_connection.options import admin_options
from monespace_support import texts
from monespace_support.keycloak_api import NotInReach, Refused, SupportApi
from monespace_support.names import AGENT_SETUP_ACTION, AUDIT_PATH, NATIONAL, UNKNOWN_COUNCIL, agents_group
from monespace_support.oidc import KeycloakUnavailable as SupportKeycloakUnavailable
from provisioning.realm.api import RealmApi
from provisioning.realm.errors import AdminApiError

ENV_REALM = "MONESPACE_REALM"
EXIT_NOT_FOUND = 3
EXIT_REFUSED = 4
EXIT_CODES = """\b
Exit codes: 0 success
            1 Keycloak unreachable or refusing the credentials
            2 usage error (a malformed RPPS, a missing reason…)
            3 no doctor with this RPPS within the credentials' reach
            4 the action was refused (its reason is printed)"""
RPPS = re.compile(r"^\d{11}$")
COUNCIL = re.compile(r"^(\d{2,3}|2[AB])$")
#: Admin events read per request when printing the audit.
AUDIT_PAGE = 500


def realm_option(func: Any) -> Any:
    return click.option(
        "--realm", envvar=ENV_REALM, default="monespace", show_default=True, help=f"Realm [env {ENV_REALM}]."
    )(func)


@click.group(epilog=EXIT_CODES)
def support() -> None:
    """Support of the conseils: a doctor's locks, limits and events, lifting them, the audit of the
    agents' actions, and the agents' accounts (README « Support des conseils »)."""


def _rpps(value: str) -> str:
    digits = value.replace(" ", "")
    if not RPPS.match(digits):
        raise click.UsageError(f"{value!r} is not an RPPS number (11 digits)")
    return digits


def _api(admin_settings: AdminSettings, realm: str) -> tuple[SupportApi, str]:
    admin = connect(admin_settings)
    return SupportApi(server_url(admin), realm), access_token(admin)


def _call(action: Any) -> Any:
    try:
        return action()
    except NotInReach:
        click.echo(texts.NOT_IN_REACH, err=True)
        raise SystemExit(EXIT_NOT_FOUND) from None
    except Refused as refusal:
        click.echo(texts.REFUSALS.get(refusal.code, f"refused: {refusal.code}"), err=True)
        raise SystemExit(EXIT_REFUSED) from None
    except SupportKeycloakUnavailable as exc:
        raise KeycloakUnavailable(str(exc)) from None


@support.command(epilog=EXIT_CODES)
@click.argument("rpps")
@click.option("--json", "as_json", is_flag=True, help="Print the endpoint's report as JSON.")
@realm_option
@admin_options
def show(rpps: str, as_json: bool, realm: str, admin_settings: AdminSettings) -> None:
    """What MonEspace holds for the doctor RPPS: Ordinal data (contact details masked), espace,
    every current lock and limit with its end, last sign-ins and events."""
    number = _rpps(rpps)
    api, token = _api(admin_settings, realm)
    report = _call(lambda: api.report(token, number))
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else render_report(report))


@support.command(epilog=EXIT_CODES)
@click.argument("rpps")
@click.option("--reason", required=True, help="Why (recorded with your name in the admin events).")
@click.option(
    "--limit",
    "limits",
    multiple=True,
    metavar="ID",
    help="Lift only this lock or limit (repeatable; ids as `show` prints them). Default: all of them.",
)
@realm_option
@admin_options
def unlock(rpps: str, reason: str, limits: tuple[str, ...], realm: str, admin_settings: AdminSettings) -> None:
    """Lift the doctor's locks and limits (all, or those named), with a reason."""
    number = _rpps(rpps)
    if len(reason.strip()) < 5:
        raise click.UsageError(texts.REFUSALS["reason_required"])
    api, token = _api(admin_settings, realm)
    answer = _call(lambda: api.act(token, number, "unlock", reason.strip(), list(limits)))
    lifted = [item for item in str(answer.get("outcome", {}).get("lifted", "")).split(",") if item]
    if lifted:
        click.echo("Levé : " + ", ".join(f"{texts.limit_label(i)} [{i}]" for i in lifted))
    else:
        click.echo("Rien à lever : aucun verrou ni aucune limite en cours.")


@support.command(epilog=EXIT_CODES)
@click.option("--council", help="One conseil's (department code, e.g. 75), or `inconnu`.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="From this day (YYYY-MM-DD), included.")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="To this day (YYYY-MM-DD), included.")
@click.option("--rpps", "rpps", help="One doctor's only.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@realm_option
@admin_options
def audit(
    council: str | None,
    since: Any,
    until: Any,
    rpps: str | None,
    as_json: bool,
    realm: str,
    admin_settings: AdminSettings,
) -> None:
    """Print the support actions and consultations (admin events), oldest first: when, agent,
    conseil, RPPS, action, reason, outcome. Needs the right to view the realm's events."""
    if council is not None and council != UNKNOWN_COUNCIL and not COUNCIL.match(council):
        raise click.UsageError(f"{council!r} is not a department code (75, 2A, 974…) nor `inconnu`")
    number = _rpps(rpps) if rpps else None
    path = f"{AUDIT_PATH}/{council or '*'}/{number or '*'}/*"
    params: dict[str, str] = {"resourcePath": path, "direction": "asc"}
    if since is not None:
        params["dateFrom"] = date.isoformat(since.date())
    if until is not None:
        params["dateTo"] = date.isoformat(until.date())
    api = RealmApi(connect(admin_settings), realm)
    found = 0
    try:
        while True:
            page = api.get("admin-events", first=str(found), max=str(AUDIT_PAGE), **params) or []
            for event in page:
                click.echo(json.dumps(audit_row(event), ensure_ascii=False) if as_json else audit_line(event))
            found += len(page)
            if len(page) < AUDIT_PAGE:
                break
    except AdminApiError as exc:
        raise KeycloakUnavailable(f"cannot read the admin events: {exc.message}") from None
    if not as_json:
        click.echo(f"{found} événement{'s' if found != 1 else ''}.", err=True)


def audit_row(event: dict[str, Any]) -> dict[str, Any]:
    details = event.get("details") or {}
    return {
        "time": event.get("time"),
        "agent": details.get("agent"),
        "agentId": (event.get("authDetails") or {}).get("userId"),
        "council": details.get("council"),
        "rpps": details.get("rpps"),
        "action": details.get("action"),
        "reason": details.get("reason"),
        "outcome": {k: v for k, v in details.items() if k not in {"agent", "council", "rpps", "action", "reason"}},
        "error": event.get("error"),
    }


def audit_line(event: dict[str, Any]) -> str:
    row = audit_row(event)
    action = texts.ACTIONS.get(str(row["action"]), str(row["action"]))
    reason = f" — motif : « {row['reason']} »" if row["reason"] else ""
    outcome = "".join(f" ; {k} : {v}" for k, v in row["outcome"].items() if v)
    time_ms = row["time"] or 0
    return (
        f"{texts.when(time_ms / 1000)}  {row['agent']}  conseil {row['council']}  RPPS {row['rpps']}  "
        f"{action}{reason}{outcome}"
    )


def render_report(report: dict[str, Any]) -> str:
    """The report as text, in French, as the support page shows it."""
    o = report.get("ordinal", {})
    e = report.get("espace", {})
    status = texts.STATUSES.get(str(o.get("status")), str(o.get("status") or "—"))
    lines = [
        f"{o.get('civility') or ''} {o.get('firstName') or ''} {o.get('lastName') or ''}".strip()
        + f" — RPPS {report.get('rpps')} — conseil {o.get('council') or 'non renseigné'} — {status}",
        f"Né(e) le {texts.birth_date(o.get('birthDate'))} ; mobile {o.get('mobile') or 'aucun'} ; "
        f"e-mail de correspondance {o.get('correspondenceEmail') or 'aucun'}",
        "Espace : "
        + ("créé" if e.get("activated") else "pas encore créé")
        + (", actif" if e.get("enabled") else ", désactivé")
        + f" ; adresse de connexion {e.get('loginEmail') or 'aucune'} ; sessions ouvertes : {e.get('sessions') or 0}",
    ]
    limits = report.get("limits") or []
    lines.append("Verrous et limites :" if limits else "Verrous et limites : aucun en cours.")
    for limit in limits:
        lines.append(f"  - {texts.limit_label(limit['id'])} : {texts.limit_state(limit)} [{limit['id']}]")
    sign_ins = [texts.when(s["time"] / 1000) for s in report.get("signIns") or []]
    lines.append("Dernières connexions : " + ("; ".join(sign_ins) if sign_ins else "aucune"))
    events = report.get("events") or []
    lines.append("Derniers événements :" if events else "Derniers événements : aucun.")
    for event in events:
        lines.append(f"  {texts.when(event['time'] / 1000)}  {texts.describe_event(event)}")
    return "\n".join(lines)


# --- agents' accounts ------------------------------------------------------------------------------


@support.group(epilog=EXIT_CODES)
def agent() -> None:
    """Support agents' accounts: users of the realm in one agents' group, with their own TOTP app."""


def _temporary_password() -> str:
    """20 characters of four classes (the realm's CNIL policy), to give the agent once."""
    alphabet = string.ascii_letters + string.digits
    core = "".join(secrets.choice(alphabet) for _ in range(16))
    classes = secrets.choice(string.ascii_uppercase) + secrets.choice(string.ascii_lowercase)
    return f"{core}-{classes}{secrets.randbelow(10)}"


@agent.command("add", epilog=EXIT_CODES)
@click.argument("username")
@click.option("--council", required=True, help="Department code of the agent's conseil (75, 2A…), or `national`.")
@click.option("--first-name", required=True)
@click.option("--last-name", required=True)
@realm_option
@admin_options
def agent_add(
    username: str, council: str, first_name: str, last_name: str, realm: str, admin_settings: AdminSettings
) -> None:
    """Create an agent account awaiting its set-up: prints a temporary password to hand over; at
    their first sign-in the agent chooses a password and enrols a TOTP app."""
    if council != NATIONAL and not COUNCIL.match(council):
        raise click.UsageError(f"{council!r} is not a department code (75, 2A, 974…) nor `national`")
    if RPPS.match(username) or "@" in username:
        raise click.UsageError("an agent's username is neither an RPPS number nor an e-mail address")
    api = RealmApi(connect(admin_settings), realm)
    group = _group(api, agents_group(council))
    password = _temporary_password()
    try:
        user_id = api.post(
            "users",
            {
                "username": username,
                "enabled": True,
                "firstName": first_name,
                "lastName": last_name,
                "requiredActions": [AGENT_SETUP_ACTION],
                "credentials": [{"type": "password", "value": password, "temporary": False}],
            },
        )
        api.put(f"users/{user_id}/groups/{group}", None)
    except AdminApiError as exc:
        raise click.ClickException(f"agent {username} not created: {exc.message}") from None
    click.echo(f"Agent {username} créé dans {agents_group(council)}.")
    click.echo(f"Mot de passe provisoire (à transmettre à l'agent, une seule fois) : {password}")


@agent.command("reset", epilog=EXIT_CODES)
@click.argument("username")
@realm_option
@admin_options
def agent_reset(username: str, realm: str, admin_settings: AdminSettings) -> None:
    """Put an agent account back to its set-up (lost phone, forgotten password): removes its TOTP
    app, ends its sessions, prints a new temporary password."""
    api = RealmApi(connect(admin_settings), realm)
    found = [u for u in api.get("users", username=username, exact="true") or [] if u["username"] == username]
    if not found:
        raise click.ClickException(f"no agent {username} in realm {realm}")
    user = found[0]
    groups = {g["name"] for g in api.get(f"users/{user['id']}/groups") or []}
    if not any(name.startswith("agents-") for name in groups):
        raise click.ClickException(f"{username} is not in an agents' group: not an agent")
    password = _temporary_password()
    try:
        for credential in api.get(f"users/{user['id']}/credentials") or []:
            if credential.get("type") == "otp":
                api.delete(f"users/{user['id']}/credentials/{credential['id']}")
        api.put(f"users/{user['id']}/reset-password", {"type": "password", "value": password, "temporary": False})
        full = api.get(f"users/{user['id']}")
        api.put(f"users/{user['id']}", {**full, "requiredActions": [AGENT_SETUP_ACTION], "enabled": True})
        api.post(f"users/{user['id']}/logout", None)
        api.delete(f"attack-detection/brute-force/users/{user['id']}")
    except AdminApiError as exc:
        raise click.ClickException(f"agent {username} not reset: {exc.message}") from None
    click.echo(f"Agent {username} remis à sa mise en service ; sessions fermées.")
    click.echo(f"Mot de passe provisoire (à transmettre à l'agent, une seule fois) : {password}")


def _group(api: RealmApi, name: str) -> str:
    found = [g for g in api.get("groups", search=name, exact="true") or [] if g["name"] == name]
    if not found:
        raise click.ClickException(f"no group {name} in realm {api.realm} (is realm/ applied with this conseil?)")
    return str(found[0]["id"])

"""French texts of the support page and of `monespace support show|unlock|audit`.

Every text below is drafted by the MonEspace team (the source document describes no support
tool): each is marked « rédigé par l'équipe MonEspace — à valider par l'Ordre », like the
theme's messages. Keycloak's events and the support endpoint's codes become plain French here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

# rédigé par l'équipe MonEspace — à valider par l'Ordre
LIMITS: dict[str, tuple[str, str]] = {
    "login-lockout": (
        "Verrouillage de la connexion",
        "mots de passe erronés à la connexion (protection de Keycloak)",
    ),
    "identity-rpps": (
        "Vérifications d'identité (RPPS)",
        "dates de naissance erronées pour ce RPPS ; au-delà, le RPPS est verrouillé",
    ),
    "identity-rpps-day": (
        "Vérifications d'identité sur 24 heures",
        "dates de naissance erronées pour ce RPPS sur une journée",
    ),
    "code-cooldown": ("Délai entre deux codes", "un code par minute au plus"),
    "code-sends-doctor": ("Codes envoyés", "codes envoyés par SMS ou e-mail sur une heure"),
    "wrong-codes-doctor": ("Codes erronés", "codes mal saisis sur une heure, tous parcours confondus"),
    "email-taken-doctor": (
        "Adresses déjà utilisées",
        "réponses « Un compte est déjà associé à cette adresse mail » sur une heure",
    ),
    "current-password": ("Mot de passe actuel (Paramètres)", "mots de passe actuels erronés dans Paramètres"),
    "reset-email": ("Liens de réinitialisation", "demandes de lien pour l'adresse de connexion sur une heure"),
}

# rédigé par l'équipe MonEspace — à valider par l'Ordre
ACTIONS: dict[str, str] = {
    "show": "Consultation du dossier",
    "unlock": "Levée de verrous et de limites",
    "reset-link": "Envoi d'un lien de réinitialisation du mot de passe",
    "logout": "Fermeture des sessions",
    "disable": "Désactivation de l'espace",
    "enable": "Réactivation de l'espace",
}

# rédigé par l'équipe MonEspace — à valider par l'Ordre
DONE: dict[str, str] = {
    "unlock": "Les verrous et limites choisis sont levés : le médecin peut réessayer dès maintenant.",
    "reset-link": (
        "Un lien de réinitialisation du mot de passe, valable {validity}, a été envoyé à l'adresse de connexion "
        "du médecin."
    ),
    "logout": "Toutes les sessions du médecin sont fermées.",
    "disable": "L'espace est désactivé : le médecin ne peut plus se connecter. Ses sessions sont fermées.",
    "enable": "L'espace est réactivé.",
}

# rédigé par l'équipe MonEspace — à valider par l'Ordre
REFUSALS: dict[str, str] = {
    "reason_required": "Indiquez le motif de votre action (5 caractères au moins).",
    "reason_invalid": "Le motif ne doit pas dépasser 500 caractères.",
    "unknown_limit": "Ce verrou n'existe pas ou n'est plus en place.",
    "no_espace": "Ce médecin n'a pas encore créé son espace : il n'y a pas de mot de passe à réinitialiser.",
    "espace_disabled": "L'espace est désactivé : réactivez-le d'abord.",
    "status_inactive": (
        "Le statut ordinal du médecin ne permet pas d'espace MonEspace : seul Ordinal peut le changer."
    ),
    "mail_failed": "L'e-mail n'a pas pu être envoyé (serveur de messagerie indisponible). Réessayez plus tard.",
}

# rédigé par l'équipe MonEspace — à valider par l'Ordre
STATUSES: dict[str, str] = {
    "inscrit": "Inscrit",
    "interne": "Interne",
    "docteur_junior": "Docteur junior",
    "suspendu": "Suspendu",
    "radie": "Radié",
    "decede": "Décédé",
    "non_inscrit": "Non inscrit",
}

# rédigé par l'équipe MonEspace — à valider par l'Ordre
EXPLAIN: dict[str, str] = {
    "unlock": "Le médecin pourra réessayer aussitôt. Ne levez que ce qui le bloque : ces limites protègent son espace.",
    "reset-link": (
        "Un lien unique, valable {validity}, part à l'adresse de connexion du médecin : il choisira lui-même "
        "son nouveau mot de passe."
    ),
    "logout": (
        "Ferme les sessions ouvertes du médecin sur tous ses appareils (utile après un poste partagé ou une perte)."
    ),
    "disable": (
        "Le médecin ne pourra plus se connecter ni récupérer son espace jusqu'à sa réactivation. "
        "Ses données Ordinal ne changent pas."
    ),
    "enable": "Rend l'espace utilisable à nouveau, si le statut ordinal le permet.",
}

# rédigé par l'équipe MonEspace — à valider par l'Ordre
NOT_IN_REACH = "Aucun médecin de votre ressort ne porte ce numéro RPPS."
# rédigé par l'équipe MonEspace — à valider par l'Ordre
CHANNELS = {"sms": "par SMS", "email": "par e-mail"}
# rédigé par l'équipe MonEspace — à valider par l'Ordre
JOURNEYS = {"creation": "Création", "recovery": "Récupération"}

# rédigé par l'équipe MonEspace — à valider par l'Ordre
_ERRORS: dict[str, str] = {
    "identity_mismatch": "date de naissance ou RPPS ne correspondent pas à Ordinal",
    "identity_throttled": "vérification refusée : trop d'essais pour ce RPPS",
    "blocked_monespaceAccountExists": "un espace existe déjà pour ce RPPS",
    "blocked_monespaceNoContactDetails": "aucun mobile ni e-mail connu de l'Ordre",
    "blocked_monespaceNoEspaceYet": "aucun espace n'existe encore pour ce RPPS",
    "blocked_monespaceNoMobile": "aucun mobile connu de l'Ordre",
    "sms_failed": "le SMS n'a pas pu être envoyé",
    "email_failed": "l'e-mail n'a pas pu être envoyé",
    "code_resend_too_early": "nouveau code demandé trop tôt",
    "code_resend_cap": "trop de codes demandés",
    "code_sends_throttled": "trop de codes demandés",
    "wrong_codes_throttled": "trop de codes erronés",
    "invalid_code": "code erroné",
    "expired_code": "code expiré",
    "code_exhausted": "code épuisé (trop d'erreurs)",
    "email_taken_throttled": "trop d'adresses déjà utilisées essayées",
    "reset_throttled": "trop de demandes",
    "current_password_throttled": "trop de mots de passe actuels erronés",
    "invalid_user_credentials": "mot de passe incorrect",
    "user_temporarily_disabled": "compte verrouillé temporairement",
    "user_disabled": "espace désactivé",
    "user_not_found": "adresse inconnue",
    "invalid_token": "lien plus valable",
    "invalid_email": "lien plus valable (adresse changée)",
}


def describe_event(event: dict[str, Any]) -> str:
    """A Keycloak event of the doctor (as the support endpoint reports it) in plain French."""
    # rédigé par l'équipe MonEspace — à valider par l'Ordre (every phrase of this function)
    kind, step, error = event.get("type"), event.get("step"), event.get("error")
    journey = JOURNEYS.get(str(event.get("journey")), "Parcours")
    channel = CHANNELS.get(str(event.get("channel")), "")
    why = _ERRORS.get(str(error), str(error)) if error else ""
    if kind == "LOGIN":
        return "Connexion à MonEspace"
    if kind == "LOGIN_ERROR":
        return f"Connexion refusée : {why}"
    if kind == "USER_DISABLED_BY_TEMPORARY_LOCKOUT":
        return "Connexion verrouillée temporairement (mots de passe erronés)"
    if kind == "USER_DISABLED_BY_PERMANENT_LOCKOUT":
        return "Connexion verrouillée (mots de passe erronés) jusqu'à une levée par l'assistance"
    if kind in ("REGISTER_ERROR", "RESET_PASSWORD_ERROR") and step == "identity":
        return f"{journey} : identité refusée — {why}"
    if step == "code_sent":
        return f"{journey} : code envoyé {channel}".strip() if not error else f"{journey} : code non envoyé — {why}"
    if step == "code":
        return f"{journey} : code refusé — {why}"
    if step == "credentials":
        return f"{journey} : choix de l'adresse suspendu — {why}"
    if kind == "REGISTER" and step == "activated":
        return f"Espace créé et activé (code reçu {channel})".replace(" ()", "")
    if kind == "RESET_PASSWORD" and step == "recovered":
        return "Espace récupéré : nouvelle adresse de connexion et nouveau mot de passe"
    if kind == "RESET_PASSWORD":
        return "Mot de passe réinitialisé par le lien reçu par e-mail" if not error else f"Lien refusé — {why}"
    if kind == "SEND_RESET_PASSWORD":
        return "Lien de réinitialisation envoyé" if not error else f"Demande de lien refusée — {why}"
    if kind == "UPDATE_CREDENTIAL":
        return "Mot de passe changé dans Paramètres" if not error else f"Paramètres : {why}"
    if kind == "UPDATE_EMAIL":
        return "Adresse de connexion changée dans Paramètres" if not error else f"Paramètres : {why}"
    return f"{kind}{' — ' + why if why else ''}"


def when(epoch_seconds: float | None) -> str:
    """`04/12/2026 à 10:32` (heure de Paris)."""
    if not epoch_seconds:
        return "—"
    moment = datetime.fromtimestamp(epoch_seconds, UTC).astimezone(PARIS)
    return moment.strftime("%d/%m/%Y à %H:%M")


def duration(seconds: int | float) -> str:
    """`15 minutes`, `1 heure`, `24 heures`."""
    seconds = int(seconds)
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} heure{'s' if hours > 1 else ''}"
    if seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes > 1 else ''}"
    return f"{seconds} secondes"


def limit_state(limit: dict[str, Any]) -> str:
    """`Bloquant jusqu'au 04/12/2026 à 10:47 (5 sur 5 en 15 minutes)`."""
    # rédigé par l'équipe MonEspace — à valider par l'Ordre
    count = f"{limit.get('used', 0)} sur {limit.get('max')} en {duration(limit.get('windowSeconds') or 0)}"
    until = limit.get("until")
    if limit.get("locked"):
        return f"Verrouillé jusqu'au {when(until)}" if until else "Verrouillé"
    if limit.get("refusing"):
        return f"Bloquant jusqu'au {when(until)} ({count})" if until else f"Bloquant ({count})"
    return f"{count} — sans effet tant que la limite n'est pas atteinte"


def limit_label(limit_id: str) -> str:
    return LIMITS.get(limit_id, (limit_id, ""))[0]


def birth_date(iso: str | None) -> str:
    """`1980-06-17` → `17/06/1980`."""
    if not iso or len(iso) != 10:
        return iso or "—"
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def with_validity(text: str, seconds: int | str | None) -> str:
    """A DONE or EXPLAIN text stating the reset link's validity as the realm sets it; unknown,
    the text says none rather than a number that may be wrong."""
    if "{validity}" not in text:
        return text
    if not seconds:
        return text.replace(", valable {validity},", "")
    return text.format(validity=duration(int(seconds)))

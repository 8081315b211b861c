"""OpenID Connect Back-Channel Logout 1.0: the logout token Keycloak posts when a session ends.

Keycloak (DefaultTokenManager.initLogoutToken) signs it like an ID token, header typ
`logout+jwt`, with iss, aud (the client id), iat, exp (iat + 2 minutes), jti, sub, sid (the
user session's id, as in our ID tokens' `sid`, when the client has
`backchannel.logout.session.required`) and events {BACKCHANNEL_LOGOUT_EVENT: {}}.

Validation follows the specification's §2.6, through joserfc (the JOSE library Authlib itself
uses since authlib.jose was deprecated): signature by a realm key, iss, aud, iat, exp, the
event, sid and/or sub, and no nonce, so that an ID token can never pass for a logout token.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry

BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"
#: Asymmetric algorithms only: Keycloak's discovery also lists HS256, whose "key" an attacker
#: would choose. Keycloak signs logout tokens with the realm's (or the client's ID token) key.
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
#: Keycloak's logout tokens expire 2 minutes after issue. The age is bounded here too (§2.6:
#: `iat` checked as for ID tokens), whatever `exp` a token carries.
MAX_AGE_SECONDS = 120
#: Clock skew tolerated between Keycloak and the home.
LEEWAY_SECONDS = 30
#: Keycloak's tokens are about 1 KB; anything much larger is not worth decoding.
MAX_TOKEN_LENGTH = 8192


class InvalidLogoutToken(Exception):
    """The token must not end any session; the message is for the log, never for the caller."""


@dataclass(frozen=True)
class EndedSession:
    """What a valid logout token ends: the session `sid`, or when absent every session of `sub`."""

    sid: str | None
    sub: str | None


def validate_logout_token(
    token: str,
    keys: KeySet,
    *,
    issuer: str,
    client_id: str,
    now: int | None = None,
) -> EndedSession:
    """The session a logout token ends, or InvalidLogoutToken.

    Raises InvalidKeyIdError (a JoseError) unchanged when no key of `keys` has the token's kid,
    so that the caller can fetch the JWKS again after a key rotation.
    """
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvalidLogoutToken(f"logout token missing or too long ({len(token)} characters)")
    try:
        decoded = jwt.decode(token, keys, algorithms=list(SIGNING_ALGORITHMS))
    except InvalidKeyIdError:
        raise
    except (JoseError, ValueError) as exc:  # joserfc raises ValueError for some malformed input
        raise InvalidLogoutToken(f"{type(exc).__name__}: {exc}") from exc

    claims: dict[str, Any] = decoded.claims
    current = int(time.time()) if now is None else now
    registry = JWTClaimsRegistry(
        now=current,
        leeway=LEEWAY_SECONDS,
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "value": client_id},
        iat={"essential": True},
        exp={"essential": True},
    )
    try:
        registry.validate(claims)  # iss, aud, exp not past, iat and nbf not in the future
    except JoseError as exc:
        raise InvalidLogoutToken(f"{type(exc).__name__}: {exc}") from exc
    if claims["iat"] < current - MAX_AGE_SECONDS - LEEWAY_SECONDS:
        raise InvalidLogoutToken(f"issued too long ago (iat {claims['iat']}, now {current})")

    events = claims.get("events")
    if not isinstance(events, dict) or not isinstance(events.get(BACKCHANNEL_LOGOUT_EVENT), dict):
        raise InvalidLogoutToken("no back-channel logout event in 'events'")
    if "nonce" in claims:
        raise InvalidLogoutToken("a logout token must not carry a nonce")
    sid, sub = claims.get("sid"), claims.get("sub")
    if sid is not None and not (isinstance(sid, str) and sid):
        raise InvalidLogoutToken("'sid' is not a string")
    if sub is not None and not (isinstance(sub, str) and sub):  # joserfc checks the type only
        raise InvalidLogoutToken("'sub' is not a string")
    if not sid and not sub:
        raise InvalidLogoutToken("neither 'sid' nor 'sub'")
    return EndedSession(sid=sid or None, sub=sub or None)

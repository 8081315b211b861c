"""The agents' sessions, kept in this process: their tokens never leave the server (the signed
cookie holds only a random session number). One process serves the conseils' agents (a few
hundred people); a restart signs them out, and Keycloak's own session brings them back after
their password and code (README « Support des conseils »)."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

from monespace_support.names import AGENTS_GROUP_PREFIX, NATIONAL, NATIONAL_GROUP

#: Sessions older than this are dropped whatever Keycloak says (a working day).
MAX_AGE_SECONDS = 10 * 3600


@dataclass
class AgentSession:
    subject: str
    username: str
    name: str
    #: The agent's groups (ID token claim `groups`): agents-conseil-75, agents-national…
    groups: list[str]
    id_token: str
    access_token: str
    refresh_token: str
    #: time.time() when the access token expires (a little early), and when the refresh one does.
    access_expires_at: float
    refresh_expires_at: float
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    started_at: float = field(default_factory=time.time)

    @property
    def councils(self) -> list[str]:
        """The conseils the agent serves, by code; "national" for the national support."""
        found = []
        for group in self.groups:
            if group == NATIONAL_GROUP:
                found.append(NATIONAL)
            elif group.startswith(AGENTS_GROUP_PREFIX):
                found.append(group.removeprefix(AGENTS_GROUP_PREFIX))
        return found


class AgentSessions:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, AgentSession] = {}

    def add(self, agent: AgentSession) -> str:
        key = secrets.token_urlsafe(32)
        with self._lock:
            self._forget_old()
            self._sessions[key] = agent
        return key

    def get(self, key: str | None) -> AgentSession | None:
        if not key:
            return None
        with self._lock:
            agent = self._sessions.get(key)
            if agent is not None and time.time() - agent.started_at > MAX_AGE_SECONDS:
                del self._sessions[key]
                return None
            return agent

    def remove(self, key: str | None) -> AgentSession | None:
        with self._lock:
            return self._sessions.pop(key, None) if key else None

    def _forget_old(self) -> None:
        now = time.time()
        for key in [k for k, a in self._sessions.items() if now - a.started_at > MAX_AGE_SECONDS]:
            del self._sessions[key]

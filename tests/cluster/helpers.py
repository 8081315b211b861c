"""Drive one doctor's HTTP flow on a chosen node, and the creation journey end to end.

The nodes write every URL with the front's address (--hostname), and the paths are the same on
every node, so a browser can be pinned to a node by rewriting the front's origin to that node's
on each request. Cookies go along: a cookie belongs to a host name, not to a port.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests

from message_sink import MessageSink
from provisioning.devstack.front import NODE_HEADER
from tests.support.doctors import Doctor
from tests.support.journeys import Journey
from tests.support.messages import code_for
from tests.support.oidc import HOME_REDIRECT, Browser

REALM = "monespace"
PASSWORD = "Cabinet-Medical-2026!"
CREATED = "Votre espace personnel a été créé et activé"
#: What the French "start again" pages say (theme messages monespaceFlowExpired, loginTimeout,
#: expiredActionMessage, pageExpired…).
START_AGAIN = ("recommencer", "reconnecter", "reprendre votre démarche")
#: Never shown to a doctor: Java or Quarkus error output.
STACK_TRACE = ("Exception", "at org.", "at java.", "Internal Server Error", "RESTEASY")


class PinnedSession(requests.Session):
    """A cookie jar whose requests for the front go to `target` instead (None: the front itself)."""

    def __init__(self, front: str) -> None:
        super().__init__()
        self.front = front
        self.target: str | None = None

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        text = url.decode() if isinstance(url, bytes) else url
        if self.target and text.startswith(self.front):
            text = self.target + text[len(self.front) :]
        return super().request(method, text, *args, **kwargs)


@dataclass
class NodeBrowser(Browser):
    """A Browser whose pages and token requests go to one node (`use`) or through the front."""

    front: str = ""
    pinned: PinnedSession = field(init=False)

    def __post_init__(self) -> None:
        self.front = self.front or self.keycloak_url
        self.pinned = PinnedSession(self.front)
        self.session = self.pinned

    @classmethod
    def at(cls, front: str, realm: str = REALM) -> NodeBrowser:
        return cls(front, realm, HOME_REDIRECT, front=front)

    def use(self, node_url: str | None) -> NodeBrowser:
        """From now on talk to `node_url` directly (None: through the front)."""
        self.pinned.target = node_url
        self.keycloak_url = node_url or self.front  # authorize and token endpoints too
        return self

    @property
    def served_by(self) -> str:
        """Where the last page came from: the node's origin, or the node the front named."""
        assert self.page is not None
        response = self.page.response
        return response.headers.get(NODE_HEADER) or response.url.split("/realms/")[0]


def finish_creation(journey: Journey, doctor: Doctor, code: str) -> str:
    """From the code screen to an activated espace; returns the login e-mail."""
    page = journey.enter_code(code)
    assert page.heading == "Finaliser la création de votre espace", page.text[:400]
    return choose_credentials(journey, doctor)


def choose_credentials(journey: Journey, doctor: Doctor) -> str:
    login_email = f"dr.{doctor.rpps}@cabinet.fr"
    page = journey.credentials(PASSWORD, email=login_email)
    assert CREATED in page.text, page.text[:400]
    doctor.login_email, doctor.password = login_email, PASSWORD
    return login_email


def create_account(front: str, doctor: Doctor, sink: MessageSink) -> str:
    """The whole creation journey through the front (its requests spread over the nodes)."""
    journey = Journey(NodeBrowser.at(front))
    journey.to_code_screen(doctor)
    return finish_creation(journey, doctor, code_for(sink, doctor))


def logs_in(front: str, email: str, node_url: str | None = None) -> bool:
    browser = NodeBrowser.at(front).use(node_url)
    browser.login(email, PASSWORD)
    return browser.redirected_to_app


def no_stack_trace(text: str) -> bool:
    return not any(marker in text for marker in STACK_TRACE)

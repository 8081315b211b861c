"""What a test session gets from its backend: Keycloak's URL, admin credentials, the message sink
and the SMTP host Keycloak reaches it at."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from keycloak import KeycloakAdmin

from message_sink import MessageSink


@dataclass
class Harness:
    keycloak_url: str
    admin_user: str
    admin_password: str
    sink: MessageSink
    #: Where Keycloak reaches the sink's SMTP server: the sink's own host when both run on this
    #: machine, the Docker host's name from inside a container.
    smtp_host: str
    #: Health and metrics (Keycloak's management interface); None where not reachable.
    management_url: str | None = None
    #: Keycloak's log file, where the backend writes one.
    log_path: Path | None = None

    def smtp_values(self) -> dict[str, object]:
        """The realm values that send a realm's mail to the sink."""
        return {"smtp_host": self.smtp_host, "smtp_port": self.sink.smtp_port}

    def admin(self, realm: str) -> KeycloakAdmin:
        """An admin client authenticated on master and bound to `realm`."""
        return KeycloakAdmin(
            server_url=f"{self.keycloak_url}/",
            username=self.admin_user,
            password=self.admin_password,
            realm_name=realm,
            user_realm_name="master",
        )

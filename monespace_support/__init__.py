"""The support page of the conseils départementaux: an OpenID Connect relying party of the realm
for support agents (client `monespace-support`, agents' flow), calling Keycloak's admin API and the
support endpoint with the agent's own token (README « Support des conseils »)."""

from monespace_support.server import SupportServer
from monespace_support.settings import Settings

__all__ = ["Settings", "SupportServer"]

"""The MonEspace home (SPEC §6): the doctor's "MES SERVICES" page, an OIDC relying party of Keycloak."""

from monespace_home.app import create_app
from monespace_home.server import HomeServer
from monespace_home.settings import Settings, SettingsError

__all__ = ["HomeServer", "Settings", "SettingsError", "create_app"]

"""Where the theme browser checks find the login theme's resources (scripts built by the harness, CSS)."""

from __future__ import annotations

from provisioning.devstack.paths import THEME

THEME_RESOURCES = THEME / "login" / "resources"
THEME_JS = THEME_RESOURCES / "js"

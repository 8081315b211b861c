"""Shared helpers of the theme browser checks."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
THEME_JS = REPO_ROOT / "themes" / "monespace" / "login" / "resources" / "js"

"""Fixtures of the provisioning unit tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from provisioning.realm.files import default_realm_dir


@pytest.fixture
def realm_dir(tmp_path: Path) -> Path:
    """A copy of the repository's realm/ that a test may edit."""
    target = tmp_path / "realm"
    shutil.copytree(default_realm_dir(), target)
    return target

"""The Python code stays typed and ruff-clean: a change that breaks either fails the suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from provisioning.devstack import paths

BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    "command",
    [("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy",)],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_python_tools_report_nothing(command: tuple[str, ...]) -> None:
    tool = BIN / command[0]
    assert tool.exists(), f"{command[0]} missing: install the dev extras (pip install -e '.[dev]')"
    result = _run(str(tool), *command[1:])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]

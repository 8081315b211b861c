"""Fixtures of the legacy import's unit tests: the dumps made by the real tools
(tests/unit/legacy_import/dumps/, remade by demo/legacy/make_examples.py) and the demo exports."""

from __future__ import annotations

from pathlib import Path

from provisioning.devstack import paths

DUMPS = Path(__file__).parent / "dumps"
DEMO = paths.ROOT / "demo" / "legacy"
#: The account in the fixtures whose values break naive dump readers.
TRICKY_NAME = 'Dr O\'Brien \\ "x"; -- /* y */ é'

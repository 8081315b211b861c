"""bench/generate_extraction.py: small populations read back through the sync."""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

from click.testing import CliRunner

from bench import generate_extraction
from ordinal_sync.hashing import content_hash
from ordinal_sync.model import Doctor
from ordinal_sync.pipeline import read_doctors
from ordinal_sync.report import JsonlReport
from tests.unit.ordinal_sync.conftest import TODAY


def _generate(output: Path, *options: str) -> Path:
    result = CliRunner().invoke(generate_extraction.main, ["-o", str(output), "--doctors", "400", *options])
    assert result.exit_code == 0, result.output
    return output


def _hashes(path: Path, tmp_path: Path) -> dict[str, str]:
    with JsonlReport(tmp_path / f"{path.name}.jsonl") as report:
        records = list(read_doctors(path, report, today=TODAY))
        report.finish()
    return {record.rpps: content_hash(record) for record in records if isinstance(record, Doctor)}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = _generate(tmp_path / "a.txt", "--seed", "7")
    second = _generate(tmp_path / "b.txt", "--seed", "7")
    other = _generate(tmp_path / "c.txt", "--seed", "8")
    assert first.read_bytes() == second.read_bytes() != other.read_bytes()


def test_extraction_quirks_are_there(tmp_path: Path) -> None:
    path = _generate(tmp_path / "x.txt", "--invalid-percent", "5")
    lines = path.read_text(encoding="utf-8").splitlines()
    doctor_lines = [line.split("|") for line in lines[1:] if line.startswith("8|1") and line.split("|")[13] == "10"]
    rpps = [fields[1] for fields in doctor_lines]
    assert len(set(rpps)) == 400
    assert 1.3 < len(rpps) / 400 < 1.8
    assert sum(1 for a, b in itertools.pairwise(rpps) if a == b) < len(rpps) / 20  # scattered
    assert any(line.startswith("0|") for line in lines)  # ADELI lines
    assert all(line.endswith("|") for line in lines)
    hashes = _hashes(path, tmp_path)
    assert 360 < len(hashes) < 400  # a few invalid records rejected


def test_change_percent_changes_that_share_of_the_same_population(tmp_path: Path) -> None:
    before = _hashes(_generate(tmp_path / "before.txt"), tmp_path)
    after = _hashes(_generate(tmp_path / "after.txt", "--change-percent", "10"), tmp_path)
    assert before.keys() == after.keys()
    changed = sum(before[rpps] != after[rpps] for rpps in before)
    assert 20 <= changed <= 60


def test_latin1_zip_and_csv(tmp_path: Path) -> None:
    path = _generate(tmp_path / "ordinal.zip", "--layout", "csv", "--encoding", "latin-1")
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["ordinal.csv"]
        assert archive.read("ordinal.csv").decode("latin-1").startswith("rpps;date_naissance;")
    report = tmp_path / "csv.jsonl"
    with JsonlReport(report) as writer:
        records = list(read_doctors(path, writer))
        writer.finish()
    statuses = {record.status for record in records if isinstance(record, Doctor)}
    assert {"inscrit", "interne", "docteur_junior"} <= statuses
    assert '"duplicate_rpps"' in report.read_text(encoding="utf-8")

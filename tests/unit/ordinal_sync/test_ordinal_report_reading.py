"""`monespace ordinal report`: a sync report read back as an operator needs it, with the run's exit code."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from provisioning.cli import main


def write(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def reject(code: str, line: int, rpps: str | None = None) -> dict[str, object]:
    return {"type": "reject", "code": code, "message": f"{code} message", "lines": [line], "rpps": rpps}


def test_a_run_with_rejects_shows_counts_examples_and_exits_3(tmp_path: Path) -> None:
    report = write(
        tmp_path / "run.jsonl",
        reject("rpps_format", 12),
        reject("rpps_format", 40),
        reject("birth_date", 7, "10001000016"),
        {"type": "summary", "completed": True, "realm": "monespace", "dry_run": False, "existing": 10,
         "plan": {"create": 2, "update": 1, "rejected": 3}, "applied": {"created": 2, "updated": 1},
         "refusal": None, "exit_code": 3},
    )  # fmt: skip
    result = CliRunner().invoke(main, ["ordinal", "report", str(report), "--examples", "1"])
    assert result.exit_code == 3
    lines = result.output.splitlines()
    assert lines[0] == "run.jsonl: sync into realm monespace, completed"
    assert "  plan: create 2, update 1, rejected 3 (10 doctors in Keycloak before)" in lines
    assert "  rejected birth_date: 1" in lines and "    line 7 RPPS 10001000016: birth_date message" in lines
    assert "  rejected rpps_format: 2" in lines and result.output.count("rpps_format message") == 1
    assert lines[-1].startswith("Outcome: exit 3 — success, but records were rejected")


def test_a_refused_run_names_the_safety_limit_and_exits_4(tmp_path: Path) -> None:
    report = write(
        tmp_path / "run.jsonl",
        {"type": "summary", "completed": True, "realm": "monespace", "refusal": "12 % of the doctors would change",
         "forced": False, "exit_code": 4},
    )  # fmt: skip
    result = CliRunner().invoke(main, ["ordinal", "report", str(report)])
    assert result.exit_code == 4
    assert "  safety limit: 12 % of the doctors would change" in result.output


def test_an_interrupted_run_exits_1_and_a_foreign_file_2(tmp_path: Path) -> None:
    cut = write(tmp_path / "cut.jsonl", {"type": "summary", "completed": False, "realm": "monespace", "error": "boom"})
    result = CliRunner().invoke(main, ["ordinal", "report", str(cut)])
    assert result.exit_code == 1 and "NOT completed" in result.output and "stopped by: boom" in result.output
    other = tmp_path / "other.jsonl"
    other.write_text("not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ordinal", "report", str(other)])
    assert result.exit_code == 2 and "not a sync report" in result.output

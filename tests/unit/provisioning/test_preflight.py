"""`monespace preflight`: development settings are refused one line each, unless allowed by name."""

from __future__ import annotations

from click.testing import CliRunner

from provisioning.cli import main
from provisioning.preflight import problems

REAL = {
    "admin_password": "Un-Vrai-Secret-2026",
    "smtp_host": "smtp.ordre.example",
    "sms_gateway_url": "https://sms.example/v1",
}


def test_real_settings_pass() -> None:
    assert problems(**REAL) == []


def test_each_development_setting_is_named() -> None:
    found = problems(admin_password="admin", smtp_host="sink", sms_gateway_url="http://127.0.0.1:8025/sms")
    assert [p.split(":")[0] for p in found] == [
        "the Keycloak admin password is the development default",
        "the SMTP server is the development message sink (sink)",
        "the SMS gateway is the development message sink (127.0.0.1)",
    ]


def test_allowances_are_separate() -> None:
    dev = {"admin_password": "admin", "smtp_host": "localhost", "sms_gateway_url": "http://sink:8025/sms"}
    assert len(problems(**dev, allow_message_sink=True)) == 1
    assert len(problems(**dev, allow_default_admin_password=True)) == 2
    assert problems(**dev, allow_message_sink=True, allow_default_admin_password=True) == []


def test_the_command_exits_1_with_one_line_per_refusal_and_reads_the_environment() -> None:
    runner = CliRunner()
    refused = runner.invoke(
        main, ["preflight"], env={"MONESPACE_ADMIN_PASSWORD": "admin", "MONESPACE_SMTP_HOST": "sink"}
    )
    assert refused.exit_code == 1
    assert refused.output.count("refused: ") == 3
    allowed = runner.invoke(
        main,
        ["preflight"],
        env={
            "MONESPACE_ADMIN_PASSWORD": "Un-Vrai-Secret-2026",
            "MONESPACE_ALLOW_MESSAGE_SINK": "true",
        },
    )
    assert allowed.exit_code == 0, allowed.output
    assert "MONESPACE_ALLOW_MESSAGE_SINK" in allowed.output


def test_the_dev_stack_refuses_the_same_settings_in_the_same_words() -> None:
    """One check, one vocabulary: `monespace dev up --production` and `monespace preflight` say the
    same lines, and both name the same allowances (option and variable)."""
    from provisioning.devstack.stack import StackSettings

    sink = {"smtp_host": "127.0.0.1", "sms_gateway_url": "http://127.0.0.1:8025/sms"}
    assert StackSettings(profile="postgres").dev_parts_refused() == problems(admin_password="admin", **sink)
    for line in problems(admin_password="admin", **sink):
        assert ("--allow-default-admin-password (MONESPACE_ALLOW_DEFAULT_ADMIN_PASSWORD=true)" in line) != (
            "--allow-message-sink (MONESPACE_ALLOW_MESSAGE_SINK=true)" in line
        ), line

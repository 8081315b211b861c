"""Template values: defaults, overrides in order, types taken from the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from provisioning.realm.errors import RealmFilesError
from provisioning.realm.files import default_realm_dir
from provisioning.realm.values import coerce, env_name, load_defaults, resolve_values

DEFAULTS = {
    "realm": "monespace",
    "code_ttl_seconds": 600,
    "with_custom_providers": True,
    "extra_event_listeners": [],
    "smtp_password": None,
}


def test_overrides_apply_in_order_defaults_env_files_sets(tmp_path: Path) -> None:
    values_file = tmp_path / "ci.yaml"
    values_file.write_text("realm: from-file\ncode_ttl_seconds: 30\n")
    values = resolve_values(
        DEFAULTS,
        env={
            "MONESPACE_REALM": "from-env",
            "MONESPACE_CODE_TTL_SECONDS": "60",
            "MONESPACE_SMTP_PASSWORD": "s",
        },
        files=[values_file],
        sets=["code_ttl_seconds=5"],
    )
    assert values["realm"] == "from-file"
    assert values["code_ttl_seconds"] == 5
    assert values["smtp_password"] == "s"
    assert values["with_custom_providers"] is True


def test_python_overrides_win_over_sets() -> None:
    values = resolve_values(DEFAULTS, sets=["realm=a"], overrides={"realm": "b"})
    assert values["realm"] == "b"


def test_environment_is_ignored_unless_given() -> None:
    assert resolve_values(DEFAULTS)["realm"] == "monespace"


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [
        ("5", 600, 5),
        ("false", True, False),
        ("Yes", False, True),
        ("a, b,", [], ["a", "b"]),
        ("[a, b]", [], ["a", "b"]),
        ("", [], []),
        ("0123", None, "0123"),  # a password stays text (YAML would read an octal number)
        (2525, "x", "2525"),
    ],
)
def test_overrides_take_the_type_of_the_default(raw: object, default: object, expected: object) -> None:
    assert coerce(raw, default) == expected


def test_bad_overrides_are_all_reported_one_line_each(tmp_path: Path) -> None:
    with pytest.raises(RealmFilesError) as failure:
        resolve_values(
            DEFAULTS,
            env={"MONESPACE_WITH_CUSTOM_PROVIDERS": "maybe"},
            sets=["code_ttl_seconds=ten", "code_tll_seconds=5", "novalue"],
            files=[tmp_path / "missing.yaml"],
        )
    assert failure.value.problems == [
        "environment MONESPACE_WITH_CUSTOM_PROVIDERS: with_custom_providers: expected true or false, got 'maybe'",
        f"{tmp_path / 'missing.yaml'}: No such file or directory",
        "--set: code_ttl_seconds: expected an integer, got 'ten'",
        "--set: unknown variable 'code_tll_seconds' (declare it in realm/values.yaml)",
        "--set novalue: expected name=value",
    ]
    assert failure.value.exit_code == 2


def test_repository_values_declare_every_variable_with_a_default() -> None:
    defaults = load_defaults(default_realm_dir())
    assert defaults["realm"] == "monespace"
    assert defaults["code_ttl_seconds"] == 600
    assert defaults["with_custom_providers"] is True
    assert env_name("code_ttl_seconds") == "MONESPACE_CODE_TTL_SECONDS"

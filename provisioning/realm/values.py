"""Template values for `realm/`: declared with defaults in `realm/values.yaml` (and, for the
providers' settings, in `realm/contract.yaml`), overridden by environment variables, `--values`
files and `--set name=value`, in that order.

Every variable must be declared: an override of an unknown name is an error
(a typo would otherwise be silently ignored), and each override is converted to the type of
its default so `--set code_ttl_seconds=5` renders as a number and a password stays a string.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from monespace_realm.contract import FILE as CONTRACT_FILE
from monespace_realm.contract import Contract
from monespace_realm.contract import load as load_contract

from provisioning.realm.errors import RealmFilesError

VALUES_FILE = "values.yaml"
ENV_PREFIX = "MONESPACE_"
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def env_name(variable: str) -> str:
    """`code_ttl_seconds` → `MONESPACE_CODE_TTL_SECONDS`."""
    return ENV_PREFIX + variable.upper()


def load_defaults(realm_dir: Path) -> dict[str, Any]:
    """values.yaml's variables, and the settings of contract.yaml (a realm value each)."""
    settings = realm_contract(realm_dir).setting_defaults()
    path = realm_dir / VALUES_FILE
    label = display_path(realm_dir, path)
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RealmFilesError([f"{label}: missing (it declares every template variable)"]) from None
    except yaml.YAMLError as exc:
        raise RealmFilesError([f"{label}: {_yaml_problem(exc)}"]) from None
    if not isinstance(loaded, dict) or not all(isinstance(k, str) for k in loaded):
        raise RealmFilesError([f"{label}: should be a mapping of variable names to defaults"])
    twice = sorted(set(loaded) & set(settings))
    if twice:
        raise RealmFilesError(
            [f"{label}: {name}: a setting of {CONTRACT_FILE}, whose default is there" for name in twice]
        )
    return {**loaded, **settings}


def realm_contract(realm_dir: Path) -> Contract:
    """`realm_dir`'s contract.yaml (RealmFilesError when missing or malformed)."""
    label = display_path(realm_dir, realm_dir / CONTRACT_FILE)
    if not (realm_dir / CONTRACT_FILE).is_file():
        raise RealmFilesError([f"{label}: missing (it declares the providers' settings and their defaults)"])
    try:
        return load_contract(realm_dir)
    except ValueError as exc:
        raise RealmFilesError([f"{label}: {exc}"]) from None


def resolve_values(
    defaults: Mapping[str, Any],
    *,
    env: Mapping[str, str] | None = None,
    files: Iterable[Path] = (),
    sets: Iterable[str] = (),
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Defaults < env (MONESPACE_<NAME>) < each --values file < each --set < overrides."""
    values = dict(defaults)
    problems: list[str] = []

    def override(source: str, name: str, raw: Any) -> None:
        if name not in defaults:
            problems.append(f"{source}: unknown variable '{name}' (declare it in realm/{VALUES_FILE})")
            return
        try:
            values[name] = coerce(raw, defaults[name])
        except ValueError as exc:
            problems.append(f"{source}: {name}: {exc}")

    if env is not None:
        for name in defaults:
            if env_name(name) in env:
                override(f"environment {env_name(name)}", name, env[env_name(name)])
    for path in files:
        for name, raw in _read_values_file(path, problems).items():
            override(str(path), name, raw)
    for assignment in sets:
        name, sep, raw = assignment.partition("=")
        if not sep or not name.strip():
            problems.append(f"--set {assignment}: expected name=value")
            continue
        override("--set", name.strip(), raw)
    for name, raw in (overrides or {}).items():
        override("values", name, raw)
    if problems:
        raise RealmFilesError(problems)
    return values


def coerce(raw: Any, default: Any) -> Any:
    """Convert an override to the type of the variable's default (text from env/--set)."""
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
            return raw.strip().lower() in _TRUE
        raise ValueError(f"expected true or false, got {raw!r}")
    if isinstance(default, int):
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
            return int(raw.strip())
        raise ValueError(f"expected an integer, got {raw!r}")
    if isinstance(default, list):
        if isinstance(raw, list):
            return [str(item) for item in raw]
        if isinstance(raw, str):
            text = raw.strip()
            if text.startswith("["):
                parsed = yaml.safe_load(text)
                if isinstance(parsed, list):
                    return [str(item) for item in parsed]
            # Environment-friendly form: comma-separated, empty means an empty list.
            return [item.strip() for item in text.split(",") if item.strip()]
        raise ValueError(f"expected a list, got {raw!r}")
    if default is None or isinstance(default, str):
        if raw is None or isinstance(raw, str):
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return str(raw)
        raise ValueError(f"expected text, got {raw!r}")
    raise ValueError(f"values of type {type(default).__name__} cannot be overridden")


def _read_values_file(path: Path, problems: list[str]) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        problems.append(f"{path}: {exc.strerror or exc}")
        return {}
    except yaml.YAMLError as exc:
        problems.append(f"{path}: {_yaml_problem(exc)}")
        return {}
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        problems.append(f"{path}: should be a mapping of variable names to values")
        return {}
    return {str(k): v for k, v in loaded.items()}


def display_path(realm_dir: Path, path: Path) -> str:
    """`realm/realm.yaml`: short, stable names for messages."""
    return f"{realm_dir.name}/{path.relative_to(realm_dir).as_posix()}"


def _yaml_problem(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        return f"line {exc.problem_mark.line + 1}: {exc.problem}"
    return str(exc).splitlines()[0]

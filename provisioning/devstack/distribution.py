"""Fetch Keycloak's distribution through Maven, build our providers and theme assets, install
them and run `kc.sh build` — each step only when what it depends on changed.

A *build profile* is a set of Keycloak build options (database vendor, health, metrics…); each
profile gets its own built home under .cache/keycloak/, and each running server an *instance*:
a hard-linked clone of a built home with its own data/ directory.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from provisioning.devstack import paths
from provisioning.devstack.fingerprint import fingerprint, tree_files
from provisioning.devstack.jdk import find_jdk

Progress = Callable[[str], None]

DENYLIST_NAME = "monespace-denylist.txt"
PROVIDER_JAR = "monespace-keycloak-extensions.jar"

#: Build options baked into each profile (stored in clear text by Keycloak, so no secrets here).
PROFILES: dict[str, list[str]] = {
    "dev": ["--db=dev-file", "--health-enabled=true", "--metrics-enabled=true"],
    "postgres": ["--db=postgres", "--health-enabled=true", "--metrics-enabled=true"],
}


class BuildError(RuntimeError):
    """A build step failed; the message says which and shows the tail of its output."""


@dataclass(frozen=True)
class BuiltKeycloak:
    home: Path
    version: str
    profile: str


def _run(cmd: list[str], step: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        raise BuildError(f"{step} failed (exit {proc.returncode}): {' '.join(cmd)}\n{tail}")


def _require(tool: str, hint: str) -> str:
    found = shutil.which(tool)
    if not found:
        raise BuildError(f"'{tool}' not found: {hint}")
    return found


def _java_env() -> dict[str, str]:
    home, _ = find_jdk()
    env = dict(os.environ)
    env["JAVA_HOME"] = str(home)
    env["PATH"] = f"{home / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def fetch_distribution(version: str, say: Progress) -> Path:
    """The distribution zip from Maven Central, cached under .cache/downloads."""
    target = paths.CACHE / "downloads" / f"keycloak-quarkus-dist-{version}.zip"
    if target.exists():
        return target
    say(f"Downloading Keycloak {version} through Maven (about 170 MB)…")
    mvn = _require("mvn", "install Maven (apt install maven)")
    target.parent.mkdir(parents=True, exist_ok=True)
    _run(
        [
            mvn,
            "-q",
            "-B",
            "dependency:copy",
            f"-Dartifact=org.keycloak:keycloak-quarkus-dist:{version}:zip",
            f"-DoutputDirectory={target.parent}",
        ],
        "fetching the Keycloak distribution",
        cwd=target.parent,
        env=_java_env(),
    )
    return target


def build_extensions(say: Progress) -> Path:
    """extensions/target/<jar>, rebuilt by Maven when extensions/ changed."""
    jar = paths.EXTENSIONS / "target" / PROVIDER_JAR
    stamp = paths.CACHE / "stamps" / "extensions"
    # The jar carries realm/contract.yaml (the names Java shares with Python and the realm files).
    current = fingerprint([paths.EXTENSIONS / "pom.xml", paths.EXTENSIONS / "src" / "main", paths.CONTRACT])
    if jar.exists() and stamp.exists() and stamp.read_text() == current:
        return jar
    say("Building the Keycloak extensions (Maven)…")
    mvn = _require("mvn", "install Maven (apt install maven)")
    _run(
        [mvn, "-q", "-B", "-f", str(paths.EXTENSIONS / "pom.xml"), "package", "-DskipTests"],
        "building extensions/",
        env=_java_env(),
    )
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return jar


def build_theme_assets(say: Progress) -> tuple[Path, Path]:
    """The bundled strength indicator and the deny list it shares with the password policy."""
    project = paths.STRENGTH_BUNDLE_PROJECT
    bundle = paths.THEME / "login" / "resources" / "js" / "password-strength.js"
    denylist = project / "dist" / DENYLIST_NAME
    stamp = paths.CACHE / "stamps" / "theme-assets"
    current = fingerprint([project])  # node_modules/ and dist/ are skipped
    if bundle.exists() and denylist.exists() and stamp.exists() and stamp.read_text() == current:
        return bundle, denylist
    npm = _require("npm", "install Node.js and npm (apt install nodejs npm)")
    if not (project / "node_modules").exists() or not stamp.exists() or stamp.read_text() != current:
        say("Installing the password-strength bundle's npm dependencies…")
        _run([npm, "ci", "--no-audit", "--no-fund"], "npm ci in themes/password-strength", cwd=project)
    say("Bundling the password-strength indicator…")
    _run([npm, "run", "build"], "npm run build in themes/password-strength", cwd=project)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    return bundle, denylist


def _unpack(zip_path: Path, version: str, home: Path) -> None:
    staging = home.with_name(home.name + ".unpacking")
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(staging)
    top = staging / f"keycloak-{version}"
    for script in (top / "bin").glob("*.sh"):
        script.chmod(0o755)
    shutil.rmtree(home, ignore_errors=True)
    top.rename(home)
    shutil.rmtree(staging, ignore_errors=True)


def ensure_built(profile: str = "dev", say: Progress = print) -> BuiltKeycloak:
    """A Keycloak home with our providers, theme and deny list, built for `profile`; no work when current."""
    if profile not in PROFILES:
        raise BuildError(f"unknown build profile {profile!r} (known: {', '.join(PROFILES)})")
    version = paths.keycloak_version()
    zip_path = fetch_distribution(version, say)
    jar = build_extensions(say)
    _bundle, denylist = build_theme_assets(say)

    home = paths.CACHE / "keycloak" / f"{version}-{profile}"
    stamp_file = home / ".monespace-build.json"
    wanted = {
        "version": version,
        "options": PROFILES[profile],
        "jar": fingerprint([jar]),
        "theme": fingerprint([paths.THEME]),
        "denylist": fingerprint([denylist]),
    }
    previous = json.loads(stamp_file.read_text()) if stamp_file.exists() else {}
    if previous == wanted:
        return BuiltKeycloak(home, version, profile)

    if previous.get("version") != version or not (home / "bin" / "kc.sh").exists():
        say(f"Unpacking Keycloak {version} ({profile})…")
        _unpack(zip_path, version, home)
        previous = {}
    if previous.get("theme") != wanted["theme"]:
        shutil.rmtree(home / "themes" / "monespace", ignore_errors=True)
        shutil.copytree(paths.THEME, home / "themes" / "monespace")
    if previous.get("denylist") != wanted["denylist"]:
        (home / "data" / "password-blacklists").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(denylist, home / "data" / "password-blacklists" / DENYLIST_NAME)
    if previous.get("jar") != wanted["jar"] or previous.get("options") != wanted["options"]:
        shutil.copyfile(jar, home / "providers" / PROVIDER_JAR)
        say(f"Running kc.sh build for the {profile} profile…")
        _run([str(home / "bin" / "kc.sh"), "build", *PROFILES[profile]], "kc.sh build", env=_java_env())
    stamp_file.write_text(json.dumps(wanted, indent=2))
    return BuiltKeycloak(home, version, profile)


def prepare_instance(built: BuiltKeycloak, name: str, fresh_data: bool = False) -> Path:
    """A server directory cloned from the built home by hard links, keeping its own data/.

    Keycloak never rewrites its jars or theme files at run time, so sharing them is safe; the
    H2 database and temporary files live in the instance's data/, which survives rebuilds.
    """
    instance = paths.CACHE / "instances" / name
    data = instance / "data"
    if fresh_data:
        shutil.rmtree(instance, ignore_errors=True)
    instance.mkdir(parents=True, exist_ok=True)
    for child in instance.iterdir():
        if child.name != "data":
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    for child in built.home.iterdir():
        if child.name == "data":
            continue
        if child.is_dir():
            shutil.copytree(child, instance / child.name, copy_function=os.link)
        else:
            os.link(child, instance / child.name)
    blacklists = data / "password-blacklists"
    blacklists.mkdir(parents=True, exist_ok=True)
    for file in tree_files(built.home / "data" / "password-blacklists"):
        shutil.copyfile(file, blacklists / file.name)
    return instance

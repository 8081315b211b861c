"""The theme's message bundles (login and e-mail, fr and en): no key twice (Java's Properties keeps
the last one silently), none unused, the same keys in every language, and every key the
extensions and templates name exists. Keycloak's own keys count as used: Keycloak renders them
(its base theme's templates and messages come from the distribution's themes jar)."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from provisioning.devstack import paths

LANGUAGES = ("fr", "en")
TYPES = ("login", "email")
JAVA = paths.EXTENSIONS / "src" / "main" / "java"
#: Keys built by a template or by Keycloak from a prefix: the box type of monespace.ftl's
#: messageBox, the language names of Keycloak's LocaleBean.
DYNAMIC_PREFIXES = ("monespaceMessagePrefix.", "locale_")


def bundle(theme_type: str, language: str, root: Path = paths.THEME) -> Path:
    return root / theme_type / "messages" / f"messages_{language}.properties"


def keys_of(text: str) -> list[str]:
    """Every key of a .properties text, in order, repeats included."""
    keys: list[str] = []
    continued = False
    for line in text.splitlines():
        stripped = line.strip()
        if not continued and stripped and not stripped.startswith(("#", "!")):
            keys.append(re.split(r"\s*[=:]\s*|\s+", stripped, maxsplit=1)[0])
        continued = stripped.endswith("\\") and not stripped.endswith("\\\\")
    return keys


def duplicates(text: str) -> list[str]:
    return sorted(key for key, count in Counter(keys_of(text)).items() if count > 1)


def literals(text: str) -> set[str]:
    """Quoted strings of a template or a Java source, comments left out."""
    text = re.sub(r"<#--.*?-->", "", text, flags=re.S)
    return set(re.findall(r'"([A-Za-z0-9_.\-]+)"', text)) | set(re.findall(r"'([A-Za-z0-9_.\-]+)'", text))


@cache
def ours(theme_type: str) -> set[str]:
    """What our Java and this theme's templates name."""
    sources = [*JAVA.rglob("*.java"), *(paths.THEME / theme_type).rglob("*.ftl")]
    return set().union(*(literals(p.read_text(encoding="utf-8")) for p in sources))


@cache
def keycloak_theme_jar() -> zipfile.ZipFile:
    version = paths.keycloak_version()
    name = f"org.keycloak.keycloak-themes-{version}.jar"
    for built in sorted(paths.CACHE.glob(f"keycloak/{version}-*/lib/lib/main/{name}")):
        return zipfile.ZipFile(built)
    download = paths.CACHE / "downloads" / f"keycloak-quarkus-dist-{version}.zip"
    if not download.exists():
        pytest.fail("Keycloak's distribution is not here yet: run .venv/bin/monespace dev build (scripts/test does)")
    with zipfile.ZipFile(download) as dist:
        return zipfile.ZipFile(io.BytesIO(dist.read(f"keycloak-{version}/lib/lib/main/{name}")))


@cache
def keycloaks(theme_type: str) -> set[str]:
    """Keycloak's own keys for this theme type, and what its base templates name."""
    jar = keycloak_theme_jar()
    base = f"theme/base/{theme_type}/"
    messages = jar.read(f"{base}messages/messages_en.properties").decode("utf-8")
    templates = [jar.read(n).decode("utf-8") for n in jar.namelist() if n.startswith(base) and n.endswith(".ftl")]
    return set(keys_of(messages)).union(*(literals(t) for t in templates))


def unused(theme_type: str, keys: list[str]) -> list[str]:
    used = ours(theme_type) | keycloaks(theme_type)
    return [k for k in dict.fromkeys(keys) if k not in used and not k.startswith(DYNAMIC_PREFIXES)]


def missing(named: set[str], defined: set[str]) -> list[str]:
    """Our message keys (monespace…) named in code or templates but defined nowhere."""
    candidates = {n for n in named if re.fullmatch(r"monespace[A-Z][A-Za-z]*", n) and not n.endswith("Url")}
    return sorted(candidates - defined)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("theme_type", TYPES)
def test_no_key_is_defined_twice(theme_type: str, language: str) -> None:
    assert duplicates(bundle(theme_type, language).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("theme_type", TYPES)
def test_every_language_has_the_same_keys(theme_type: str) -> None:
    fr, en = (set(keys_of(bundle(theme_type, lang).read_text(encoding="utf-8"))) for lang in LANGUAGES)
    assert sorted(fr ^ en) == []


@pytest.mark.parametrize("theme_type", TYPES)
def test_every_key_is_used(theme_type: str) -> None:
    assert unused(theme_type, keys_of(bundle(theme_type, "fr").read_text(encoding="utf-8"))) == []


def test_every_key_the_extensions_and_templates_name_exists() -> None:
    defined = {t: set(keys_of(bundle(t, "fr").read_text(encoding="utf-8"))) for t in TYPES}
    java = set().union(*(literals(p.read_text(encoding="utf-8")) for p in JAVA.rglob("*.java")))
    assert missing(java, defined["login"] | defined["email"]) == []
    for theme_type in TYPES:
        templates = [p.read_text(encoding="utf-8") for p in (paths.THEME / theme_type).rglob("*.ftl")]
        assert missing(set().union(*(literals(t) for t in templates)), defined[theme_type]) == [], theme_type


def test_the_checks_catch_a_planted_duplicate_and_an_unused_key() -> None:
    text = bundle("login", "fr").read_text(encoding="utf-8")
    planted = text + "\nmonespaceBackToHome=Revenir à MonEspace\nmonespaceNeverSaid=Jamais affiché\n"
    assert duplicates(planted) == ["monespaceBackToHome"]
    assert unused("login", keys_of(planted)) == ["monespaceNeverSaid"]
    assert missing({"monespaceNeverDefined", "monespaceSupportUrl"}, set(keys_of(text))) == ["monespaceNeverDefined"]

"""deploy/kubernetes/ validated offline: every Kubernetes object against Kubernetes' own API
schemas (kubernetes-validate, pinned in constraints.txt), the `Keycloak` resource against the
fields the Operator documents for 26.7 (tests/support/keycloak_operator.py), and both against
what the rest of the repository names (images, exit codes, secrets, variables)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from ordinal_sync.apply import Outcome
from provisioning.devstack import paths
from tests.support import keycloak_operator

MANIFESTS = sorted((paths.ROOT / "deploy" / "kubernetes").glob("*.yaml"))
#: The oldest Kubernetes the manifests need (CronJob timeZone, Job podFailurePolicy: GA in 1.31)
#: and the newest kubernetes-validate ships schemas for.
KUBERNETES_VERSIONS = ("1.31", kubernetes_validate.latest_version())
README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def documents() -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for path in MANIFESTS:
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if document:
                found.append((path, document))
    return found


def objects(kind: str) -> list[dict[str, Any]]:
    return [document for _, document in documents() if document["kind"] == kind]


def one(kind: str, name: str) -> dict[str, Any]:
    (found,) = [document for document in objects(kind) if document["metadata"]["name"] == name]
    return found


def pod_specs() -> list[tuple[str, dict[str, Any]]]:
    specs = []
    for _, document in documents():
        spec = document.get("spec", {})
        template = {
            "Deployment": lambda s: s["template"]["spec"],
            "Job": lambda s: s["template"]["spec"],
            "CronJob": lambda s: s["jobTemplate"]["spec"]["template"]["spec"],
            "Pod": lambda s: s,
        }.get(document["kind"])
        if template:
            specs.append((document["metadata"]["name"], template(spec)))
    return specs


def test_the_manifests_are_applied_in_file_order_into_one_namespace() -> None:
    assert MANIFESTS[0].name == "00-namespace.yaml"
    namespace = one("Namespace", "monespace")["metadata"]["name"]
    for path, document in documents():
        if document["kind"] != "Namespace":
            assert document["metadata"].get("namespace") == namespace, f"{path.name}: {document['metadata']['name']}"


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_kubernetes_object_matches_the_api_schema(version: str) -> None:
    checked = 0
    for path, document in documents():
        if document["apiVersion"] == keycloak_operator.API_VERSION:
            continue
        try:
            kubernetes_validate.validate(document, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            location = ".".join(str(part) for part in error.path)
            pytest.fail(f"{path.name}: {document['kind']} {document['metadata']['name']}: {location}: {error.message}")
        checked += 1
    assert checked >= 8


def test_the_keycloak_resource_uses_only_fields_the_operator_documents() -> None:
    (keycloak,) = objects("Keycloak")
    jsonschema.validate(keycloak, keycloak_operator.KEYCLOAK)


def test_a_misspelt_keycloak_field_is_caught() -> None:
    (keycloak,) = objects("Keycloak")
    wrong = {**keycloak, "spec": {**keycloak["spec"], "hostname": {"hostnme": "https://x.example"}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, keycloak_operator.KEYCLOAK)


def test_keycloak_runs_our_optimized_image_highly_available_behind_one_hostname() -> None:
    spec = one("Keycloak", "monespace-keycloak")["spec"]
    assert spec["instances"] >= 2
    assert spec["image"].endswith(f"/monespace/keycloak:{paths.keycloak_version()}")
    assert spec["startOptimized"] is True
    assert spec["db"]["vendor"] == "postgres"  # the image's build option (keycloak.Containerfile)
    assert spec["hostname"]["hostname"].startswith("https://")
    assert spec["http"]["tlsSecret"]
    options = {option["name"]: option for option in spec["additionalOptions"]}
    assert "secret" in options["spi-sms-sender--http-gateway--token"], "the gateway token stays in a Secret"


def test_the_sync_cronjob_fails_visibly_on_exit_3_and_4_and_keeps_its_report() -> None:
    cronjob = one("CronJob", "monespace-ordinal-sync")["spec"]
    assert cronjob["concurrencyPolicy"] == "Forbid"
    job = cronjob["jobTemplate"]["spec"]
    (container,) = job["template"]["spec"]["containers"]
    rules = job["podFailurePolicy"]["rules"]
    fail = next(rule for rule in rules if rule["action"] == "FailJob")
    assert fail["onExitCodes"]["containerName"] == container["name"]
    assert set(fail["onExitCodes"]["values"]) == {2, int(Outcome.SUCCESS_WITH_REJECTS), int(Outcome.REFUSED)}
    assert container["terminationMessagePolicy"] == "FallbackToLogsOnError"
    assert '--report "/reports/' in container["args"][0]
    mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
    volumes = {volume["name"]: volume for volume in job["template"]["spec"]["volumes"]}
    assert "persistentVolumeClaim" in volumes[mounts["/reports"]], "the report outlives the pod"
    env = {variable["name"]: variable for variable in container["env"]}
    assert env["MONESPACE_ADMIN_CLIENT_ID"]["value"] == "ordinal-sync"


def test_the_home_runs_several_replicas_sharing_secret_and_ended_sessions() -> None:
    deployment = one("Deployment", "monespace-home")["spec"]
    assert deployment["replicas"] >= 2
    (container,) = deployment["template"]["spec"]["containers"]
    env = {variable["name"]: variable for variable in container["env"]}
    assert env["MONESPACE_HOME_DATABASE_URL"]["valueFrom"]["secretKeyRef"]
    assert env["MONESPACE_HOME_SECRET_KEY"]["valueFrom"]["secretKeyRef"]
    values = one("ConfigMap", "monespace-realm-values")["data"]
    service = one("Service", "monespace-home")
    logout = f"http://{service['metadata']['name']}.{service['metadata']['namespace']}.svc:"
    assert values["MONESPACE_HOME_BACKCHANNEL_LOGOUT_URL"].startswith(logout)
    assert values["MONESPACE_HOME_REDIRECT_URIS"] == env["MONESPACE_HOME_PUBLIC_URL"]["value"] + "/auth/callback"


def test_images_name_the_targets_of_our_containerfiles() -> None:
    for name, spec in pod_specs():
        for container in spec["containers"]:
            image = container["image"]
            assert re.search(r"/monespace/(cli|home):", image), f"{name}: {image}"
            assert spec["securityContext"]["runAsNonRoot"] is True, name


def test_every_secret_the_manifests_use_is_created_in_the_readme() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in MANIFESTS)
    secrets = set(re.findall(r"secret(?:Name)?:\s*\n?\s*(?:name:\s*)?(monespace-[a-z-]+)", text))
    secrets |= set(re.findall(r"name: (monespace-[a-z-]+)\n\s+key:", text))
    secrets |= {spec["http"]["tlsSecret"] for spec in [one("Keycloak", "monespace-keycloak")["spec"]]}
    assert secrets >= {
        "monespace-db",
        "monespace-tls",
        "monespace-sms-gateway",
        "monespace-home",
        "monespace-ordinal-sync",
    }
    for secret in secrets:
        assert f"create secret generic {secret}" in README or f"create secret tls {secret}" in README, secret


def test_every_variable_the_manifests_set_is_read_by_the_code() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in paths.ROOT.glob("*/**/*.py") if ".venv" not in p.parts)
    values = yaml.safe_load((paths.ROOT / "realm" / "values.yaml").read_text(encoding="utf-8"))
    text = "\n".join(path.read_text(encoding="utf-8") for path in MANIFESTS)
    for variable in sorted(set(re.findall(r"\b(MONESPACE_[A-Z_]+)\b", text))):
        realm_value = variable.removeprefix("MONESPACE_").lower() in values
        home_setting = variable.startswith("MONESPACE_HOME_") and variable.removeprefix("MONESPACE_HOME_").lower() in {
            "keycloak_url",
            "keycloak_internal_url",
            "public_url",
            "secret_key",
            "database_url",
        }
        assert realm_value or home_setting or f'"{variable}"' in sources, f"{variable}: nothing reads it"

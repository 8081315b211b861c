"""The `Keycloak` resource of the Keycloak Operator 26.7 (k8s.keycloak.org/v2beta1), as a JSON
Schema of the fields its guides document, for validating our manifests offline.

The Operator's CRD is published with the Operator (keycloak-k8s-resources), not by the package
registries reachable here, so this schema is written from the Operator guides of keycloak.org
for 26.x: "Basic Keycloak deployment" (instances, image, db, http.tlsSecret, hostname,
proxy.headers, ingress, bootstrapAdmin), "Advanced configuration" (startOptimized,
additionalOptions with values or secret references, db pool sizes, http ports,
hostname.backchannelDynamic/admin/strict, features, transaction, resources, scheduling,
truststores, cache, unsupported.podTemplate) and "Avoiding downtime with rolling updates"
(update.strategy RecreateOnImageChange | Auto | Explicit, update.revision). The sections our
manifests use are described down to each field and closed (a misspelt field fails); the other
documented sections are accepted as objects.
"""

from __future__ import annotations

from typing import Any

API_VERSION = "k8s.keycloak.org/v2beta1"


def _closed(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


_SECRET_KEY = _closed(
    {"name": {"type": "string"}, "key": {"type": "string"}, "optional": {"type": "boolean"}}, ("name",)
)
_OPEN = {"type": "object"}

SPEC: dict[str, Any] = _closed(
    {
        "instances": {"type": "integer", "minimum": 0},
        "image": {"type": "string"},
        "imagePullSecrets": {"type": "array"},
        "startOptimized": {"type": "boolean"},
        "update": _closed(
            {
                "strategy": {"enum": ["RecreateOnImageChange", "Auto", "Explicit"]},
                "revision": {"type": "string"},
            }
        ),
        "db": _closed(
            {
                "vendor": {"enum": ["postgres", "mysql", "mariadb", "mssql", "oracle", "dev-file", "dev-mem"]},
                "host": {"type": "string"},
                "port": {"type": "integer"},
                "database": {"type": "string"},
                "schema": {"type": "string"},
                "url": {"type": "string"},
                "usernameSecret": _SECRET_KEY,
                "passwordSecret": _SECRET_KEY,
                "poolInitialSize": {"type": "integer"},
                "poolMinSize": {"type": "integer"},
                "poolMaxSize": {"type": "integer"},
            },
            ("vendor",),
        ),
        "http": _closed(
            {
                "httpEnabled": {"type": "boolean"},
                "httpPort": {"type": "integer"},
                "httpsPort": {"type": "integer"},
                "tlsSecret": {"type": "string"},
            }
        ),
        "httpManagement": _closed({"port": {"type": "integer"}}),
        "hostname": _closed(
            {
                "hostname": {"type": "string", "pattern": "^https?://"},
                "admin": {"type": "string"},
                "strict": {"type": "boolean"},
                "backchannelDynamic": {"type": "boolean"},
            }
        ),
        "proxy": _closed({"headers": {"enum": ["forwarded", "xforwarded"]}}),
        "ingress": _closed(
            {
                "enabled": {"type": "boolean"},
                "className": {"type": "string"},
                "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
            }
        ),
        "bootstrapAdmin": _closed(
            {
                "user": _closed({"secret": {"type": "string"}}, ("secret",)),
                "service": _closed({"secret": {"type": "string"}}, ("secret",)),
            }
        ),
        "additionalOptions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string", "pattern": "^[a-z0-9-]+$"}, "value": {"type": "string"},
                               "secret": _SECRET_KEY},
                "required": ["name"],
                "additionalProperties": False,
                "oneOf": [{"required": ["value"]}, {"required": ["secret"]}],
            },
        },
        "resources": _closed({"requests": _OPEN, "limits": _OPEN}),
        "features": _closed({"enabled": {"type": "array"}, "disabled": {"type": "array"}}),
        "transaction": _closed({"xaEnabled": {"type": "boolean"}}),
        "scheduling": _OPEN,
        "truststores": _OPEN,
        "cache": _OPEN,
        "networkPolicy": _OPEN,
        "tracing": _OPEN,
        "admin": _OPEN,
        "unsupported": _OPEN,
    },
    ("instances", "db", "http", "hostname"),
)  # fmt: skip

KEYCLOAK: dict[str, Any] = _closed(
    {
        "apiVersion": {"const": API_VERSION},
        "kind": {"const": "Keycloak"},
        "metadata": _closed({"name": {"type": "string"}, "namespace": {"type": "string"}, "labels": _OPEN,
                             "annotations": _OPEN}, ("name",)),
        "spec": SPEC,
    },
    ("apiVersion", "kind", "metadata", "spec"),
)  # fmt: skip

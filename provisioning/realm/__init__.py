"""The `monespace` realm as code: `realm/` files → desired state → plan → apply.

Public API (for the dev harness, tests and other tools):

    from keycloak_connection.admin import AdminSettings, connect
    from provisioning.realm import apply_realm, load_desired, plan_realm

    admin = connect(AdminSettings(url="http://127.0.0.1:8080"))
    summary = apply_realm(admin, {"realm": "monespace-fast", "code_ttl_seconds": 5})
    assert apply_realm(admin, {"realm": "monespace-fast", "code_ttl_seconds": 5}).count == 0
"""

from provisioning.realm.apply import apply_desired, apply_realm, plan_realm
from provisioning.realm.desired import DesiredRealm, load_desired
from provisioning.realm.errors import AdminApiError, KeycloakStateError, RealmFilesError
from provisioning.realm.files import default_realm_dir
from provisioning.realm.plan import Change, ChangeSummary, RealmPlan

__all__ = [
    "AdminApiError",
    "Change",
    "ChangeSummary",
    "DesiredRealm",
    "KeycloakStateError",
    "RealmFilesError",
    "RealmPlan",
    "apply_desired",
    "apply_realm",
    "default_realm_dir",
    "load_desired",
    "plan_realm",
]

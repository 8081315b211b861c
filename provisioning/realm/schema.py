"""The shape of `realm/*.yaml` after rendering: pydantic models that refuse unknown keys.

Field names are Keycloak's own (RealmRepresentation, ClientRepresentation, UPConfig…) so a
reviewer can check a file against the admin REST documentation; only the parts that Keycloak
does not model declaratively (flows, default roles) have a shape of our own. Every field is
optional unless Keycloak needs it: the tool sets only what a file names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

# Keycloak keeps client/realm attributes and authenticator configs as string maps; YAML
# numbers and booleans are accepted and written as their string form.
Scalar = str | int | bool
Requirement = Literal["REQUIRED", "ALTERNATIVE", "CONDITIONAL", "DISABLED"]
ProfileRole = Literal["admin", "user"]
# Where a flow is bound, and the RealmRepresentation field that holds the binding.
BINDING_FIELDS: dict[str, str] = {
    "browser": "browserFlow",
    "registration": "registrationFlow",
    "direct_grant": "directGrantFlow",
    "reset_credentials": "resetCredentialsFlow",
    "client_authentication": "clientAuthenticationFlow",
    "docker_authentication": "dockerAuthenticationFlow",
    "first_broker_login": "firstBrokerLoginFlow",
}
Binding = Literal[
    "browser",
    "registration",
    "direct_grant",
    "reset_credentials",
    "client_authentication",
    "docker_authentication",
    "first_broker_login",
]
# Flow and config aliases end up in URLs and in versioned names: keep them plain.
Alias = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=200)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def as_keycloak_string(value: Scalar) -> str:
    """The string Keycloak stores for a YAML scalar (`true`, not `True`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def as_keycloak_strings(values: Mapping[str, Scalar]) -> dict[str, str]:
    """`as_keycloak_string` on every value of a map (attributes, configs), keys and order kept."""
    return {key: as_keycloak_string(value) for key, value in values.items()}


# --- realm -------------------------------------------------------------------------------


class SmtpServer(Strict):
    host: str
    port: int
    from_: str = Field(alias="from")
    fromDisplayName: str | None = None
    replyTo: str | None = None
    replyToDisplayName: str | None = None
    envelopeFrom: str | None = None
    auth: bool = False
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    ssl: bool = False


class RealmSettings(Strict):
    """RealmRepresentation fields the tool may set (flow bindings come from `flows`)."""

    realm: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    enabled: bool | None = None
    displayName: str | None = None
    displayNameHtml: str | None = None
    sslRequired: Literal["all", "external", "none"] | None = None

    loginTheme: str | None = None
    emailTheme: str | None = None
    accountTheme: str | None = None
    internationalizationEnabled: bool | None = None
    supportedLocales: list[str] | None = None
    defaultLocale: str | None = None

    registrationAllowed: bool | None = None
    registrationEmailAsUsername: bool | None = None
    loginWithEmailAllowed: bool | None = None
    duplicateEmailsAllowed: bool | None = None
    editUsernameAllowed: bool | None = None
    resetPasswordAllowed: bool | None = None
    rememberMe: bool | None = None
    verifyEmail: bool | None = None

    bruteForceProtected: bool | None = None
    bruteForceStrategy: Literal["MULTIPLE", "LINEAR"] | None = None
    permanentLockout: bool | None = None
    maxTemporaryLockouts: int | None = None
    failureFactor: int | None = None
    waitIncrementSeconds: int | None = None
    maxFailureWaitSeconds: int | None = None
    maxDeltaTimeSeconds: int | None = None
    quickLoginCheckMilliSeconds: int | None = None
    minimumQuickLoginWaitSeconds: int | None = None

    passwordPolicy: str | None = None
    # The one-time-password policy of the agents' second factor (TOTP apps).
    otpPolicyType: Literal["totp", "hotp"] | None = None
    otpPolicyAlgorithm: Literal["HmacSHA1", "HmacSHA256", "HmacSHA512"] | None = None
    otpPolicyDigits: int | None = None
    otpPolicyPeriod: int | None = None
    otpPolicyLookAheadWindow: int | None = None
    otpPolicyCodeReusable: bool | None = None

    accessCodeLifespan: int | None = None
    accessCodeLifespanLogin: int | None = None
    accessCodeLifespanUserAction: int | None = None
    actionTokenGeneratedByUserLifespan: int | None = None
    actionTokenGeneratedByAdminLifespan: int | None = None
    accessTokenLifespan: int | None = None
    ssoSessionIdleTimeout: int | None = None
    ssoSessionMaxLifespan: int | None = None

    offlineSessionMaxLifespanEnabled: bool | None = None

    # Switches of whole surfaces (organizations, fine-grained admin permissions, user-managed
    # access, OID4VC, SCIM): each is declared, so a new one brought by an upgrade is noticed
    # (tests/security/test_surface_inventory.py).
    organizationsEnabled: bool | None = None
    adminPermissionsEnabled: bool | None = None
    userManagedAccessAllowed: bool | None = None
    verifiableCredentialsEnabled: bool | None = None
    scimApiEnabled: bool | None = None

    eventsEnabled: bool | None = None
    eventsExpiration: int | None = None
    eventsListeners: list[str] | None = None
    enabledEventTypes: list[str] | None = None
    adminEventsEnabled: bool | None = None
    adminEventsDetailsEnabled: bool | None = None

    smtpServer: SmtpServer | None = None
    # Only the attributes named here are managed; others on the realm are left alone.
    attributes: dict[str, Scalar] | None = None


# --- user profile --------------------------------------------------------------------------


class AttributeRequired(Strict):
    roles: list[ProfileRole] | None = None
    scopes: list[str] | None = None


class AttributePermissions(Strict):
    view: list[ProfileRole] = []
    edit: list[ProfileRole] = []


class AttributeSelector(Strict):
    scopes: list[str] = []


class ProfileAttribute(Strict):
    name: str
    displayName: str | None = None
    validations: dict[str, dict[str, Any]] | None = None
    annotations: dict[str, Any] | None = None
    required: AttributeRequired | None = None
    permissions: AttributePermissions
    selector: AttributeSelector | None = None
    group: str | None = None
    multivalued: bool = False
    defaultValue: str | None = None


class ProfileGroup(Strict):
    name: str
    displayHeader: str | None = None
    displayDescription: str | None = None
    annotations: dict[str, Any] | None = None


class UserProfile(Strict):
    """Declared attributes replace Keycloak's entry of the same name; others are kept."""

    # DISABLED removes the policy (Keycloak's default); absent leaves it as it is.
    unmanagedAttributePolicy: Literal["DISABLED", "ENABLED", "ADMIN_VIEW", "ADMIN_EDIT"] | None = None
    attributes: list[ProfileAttribute] = []
    groups: list[ProfileGroup] = []


# --- clients and roles -----------------------------------------------------------------------

RoleRef = Annotated[str, Field(pattern=r"^[^/\s]+(/[^/\s]+)?$")]


class RoleComposites(Strict):
    """What a composite role contains, exactly: realm roles, and client roles by clientId."""

    realm: list[str] = []
    client: dict[str, list[str]] = {}

    def refs(self) -> list[str]:
        """As `role` and `client/role` references, realm roles first."""
        return [*self.realm, *(f"{client}/{role}" for client, roles in self.client.items() for role in roles)]


class Role(Strict):
    """A realm role (RoleRepresentation fields), matched by name."""

    name: Annotated[str, Field(pattern=r"^[^/\s]+$")]
    description: str | None = None
    # Exact when named: roles it contains and are not named here are removed from it.
    composites: RoleComposites | None = None


class Roles(Strict):
    """Roles declared in realm/ (RealmRepresentation.roles); roles not named are left alone."""

    realm: list[Role] = []

    @field_validator("realm")
    @classmethod
    def _names_unique(cls, roles: list[Role]) -> list[Role]:
        names = [r.name for r in roles]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"realm role names must be unique: {', '.join(duplicates)}")
        return roles


class ProtocolMapper(Strict):
    name: str
    protocol: Literal["openid-connect", "saml"] = "openid-connect"
    protocolMapper: str
    config: dict[str, Scalar] = {}


class ClientScope(Strict):
    """A client scope (ClientScopeRepresentation fields), matched by name.

    `state: absent` deletes it (with its attachments); a present scope that does not exist is
    created (without mappers). `realmDefault` is what Keycloak gives clients created outside
    realm/: `default`, `optional` or `none`.
    """

    name: Annotated[str, Field(pattern=r"^[^/\s]+$")]
    state: Literal["present", "absent"] = "present"
    protocol: Literal["openid-connect", "saml"] | None = None
    description: str | None = None
    realmDefault: Literal["default", "optional", "none"] | None = None
    attributes: dict[str, Scalar] | None = None

    @model_validator(mode="after")
    def _absent_is_only_a_name(self) -> ClientScope:
        if self.state == "absent":
            named = sorted(k for k in self.model_fields_set if k not in {"name", "state"})
            if named:
                raise ValueError(f"an absent client scope has no other field ({', '.join(named)})")
        return self


#: The flow bindings a client can override (ClientRepresentation.authenticationFlowBindingOverrides).
OverrideBinding = Literal["browser", "direct_grant"]

#: Where a client names URIs a browser may be sent to (or come from): exact values only.
WILDCARD = "*"
POST_LOGOUT_REDIRECT_URIS = "post.logout.redirect.uris"


class Client(Strict):
    """ClientRepresentation fields; a stock client may be named with just the fields to change."""

    clientId: str
    name: str | None = None
    description: str | None = None
    enabled: bool | None = None
    protocol: Literal["openid-connect", "saml"] | None = None
    publicClient: bool | None = None
    bearerOnly: bool | None = None
    consentRequired: bool | None = None
    standardFlowEnabled: bool | None = None
    implicitFlowEnabled: bool | None = None
    directAccessGrantsEnabled: bool | None = None
    serviceAccountsEnabled: bool | None = None
    # Keycloak's admin-permissions client keeps its permissions there: an update must say true.
    authorizationServicesEnabled: bool | None = None
    frontchannelLogout: bool | None = None
    fullScopeAllowed: bool | None = None
    rootUrl: str | None = None
    baseUrl: str | None = None
    adminUrl: str | None = None
    redirectUris: list[str] | None = None
    webOrigins: list[str] | None = None
    attributes: dict[str, Scalar] | None = None
    # The client's scopes, exactly: scopes attached and not named here are detached.
    defaultClientScopes: list[str] | None = None
    optionalClientScopes: list[str] | None = None
    # Per-client flow overrides, exactly: `browser` and/or `direct_grant` → the name of a flow
    # declared in flows.yaml (its current version is bound); overrides not named are removed.
    authenticationFlowBindingOverrides: dict[OverrideBinding, Alias] | None = None
    # Mappers are matched by name; mappers not named here are left alone.
    protocolMappers: list[ProtocolMapper] | None = None
    # Roles granted to the client's service account (`role` realm role, `client/role` client
    # role); only added: a role granted by hand and not named here is left alone.
    serviceAccountRoles: list[RoleRef] | None = None

    @model_validator(mode="after")
    def _exact_uris(self) -> Client:
        post_logout = str((self.attributes or {}).get(POST_LOGOUT_REDIRECT_URIS, ""))
        named = {
            "redirectUris": self.redirectUris or [],
            "webOrigins": self.webOrigins or [],
            f"attributes.{POST_LOGOUT_REDIRECT_URIS}": post_logout.split("##"),
        }
        for where, uris in named.items():
            wild = [uri for uri in uris if WILDCARD in uri]
            if wild:
                raise ValueError(f"{where}: exact URIs only, no wildcard ({', '.join(wild)})")
        return self


class DefaultRoles(Strict):
    """Composites of `default-roles-<realm>`: `role` is a realm role, `client/role` a client role."""

    include: list[RoleRef] = []
    exclude: list[RoleRef] = []


class RequiredAction(Strict):
    """A required action by alias (= provider id); registered first when Keycloak lists it as new."""

    alias: str
    name: str | None = None
    enabled: bool | None = None
    defaultAction: bool | None = None
    priority: int | None = None
    config: dict[str, Scalar] | None = None


# --- groups and fine-grained admin permissions ----------------------------------------------

GroupName = Annotated[str, Field(pattern=r"^[^/\s]+$", max_length=255)]


class Group(Strict):
    """A top-level group (GroupRepresentation fields), matched by name. Its role mappings are
    exact; its members are never touched (the Ordinal sync and the administrators keep them)."""

    name: GroupName
    description: str | None = None
    realmRoles: list[str] = []
    clientRoles: dict[str, list[str]] = {}

    def role_refs(self) -> list[str]:
        return [*self.realmRoles, *(f"{c}/{r}" for c, roles in self.clientRoles.items() for r in roles)]


class GroupPolicy(Strict):
    """A policy of the realm's `admin-permissions` client: members of these groups."""

    name: str
    description: str | None = None
    groups: list[GroupName]


#: Resource types and their scopes in Keycloak 26.7's fine-grained admin permissions (v2),
#: AdminPermissionsSchema; a misspelt scope is refused here rather than by Keycloak.
PERMISSION_SCOPES: dict[str, frozenset[str]] = {
    "Users": frozenset({"view", "manage", "impersonate", "map-roles", "manage-group-membership", "reset-password"}),
    "Groups": frozenset(
        {
            "view",
            "manage",
            "view-members",
            "manage-members",
            "manage-membership",
            "manage-membership-of-members",
            "impersonate-members",
        }
    ),
    "Clients": frozenset({"view", "manage", "map-roles", "map-roles-client-scope", "map-roles-composite"}),
    "Roles": frozenset({"map-role", "map-role-client-scope", "map-role-composite"}),
}


class ScopePermission(Strict):
    """A permission of `admin-permissions`: `scopes` on `resources` of `resourceType` (group names
    for Groups; none: every resource of the type) for whoever one of `policies` grants."""

    name: str
    description: str | None = None
    resourceType: Literal["Users", "Groups", "Clients", "Roles"]
    resources: list[str] = []
    scopes: list[str]
    policies: list[str]

    @model_validator(mode="after")
    def _known_scopes(self) -> ScopePermission:
        unknown = sorted(set(self.scopes) - PERMISSION_SCOPES[self.resourceType])
        if unknown:
            raise ValueError(f"scopes not defined for {self.resourceType}: {', '.join(unknown)}")
        if not self.scopes or not self.policies:
            raise ValueError("a permission names at least one scope and one policy")
        if self.resources and self.resourceType != "Groups":
            raise ValueError("resources by name are supported for Groups only")
        return self


class AdminPermissions(Strict):
    """Fine-grained admin permissions (v2) of the realm, exactly: policies and permissions of the
    `admin-permissions` client that are not named here are deleted."""

    policies: list[GroupPolicy] = []
    permissions: list[ScopePermission] = []


# --- flows -----------------------------------------------------------------------------------


class AuthenticatorConfig(Strict):
    alias: Alias
    values: dict[str, Scalar]


class AuthenticatorExecution(Strict):
    authenticator: str
    requirement: Requirement
    config: AuthenticatorConfig | None = None


class SubflowExecution(Strict):
    flow: Alias
    description: str = ""
    requirement: Requirement
    # form-flow subflows (Keycloak's registration form) name their form provider.
    type: Literal["basic-flow", "form-flow"] = "basic-flow"
    provider: str | None = None
    executions: list[Execution] = []


def _execution_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "subflow" if "flow" in value else "authenticator"
    return "subflow" if isinstance(value, SubflowExecution) else "authenticator"


Execution = Annotated[
    Annotated[AuthenticatorExecution, Tag("authenticator")] | Annotated[SubflowExecution, Tag("subflow")],
    Discriminator(_execution_kind),
]
EXECUTION_TAGS = frozenset({"authenticator", "subflow"})


class Flow(Strict):
    """An authentication flow, applied whole under `<alias>-<hash of this definition>`.

    `type: client-flow` is a client authentication flow (its executions are client authenticators);
    `binding` names one realm binding or a list of them.
    """

    alias: Alias
    description: str = ""
    type: Literal["basic-flow", "client-flow"] = "basic-flow"
    binding: Binding | list[Binding] | None = None
    executions: list[Execution]

    @property
    def bindings(self) -> list[str]:
        if self.binding is None:
            return []
        return [self.binding] if isinstance(self.binding, str) else list(self.binding)

    @field_validator("executions")
    @classmethod
    def _subflow_names_unique(cls, executions: list[Execution]) -> list[Execution]:
        names = [s.flow for s in _walk(executions) if isinstance(s, SubflowExecution)]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"subflow names must be unique within a flow: {', '.join(duplicates)}")
        return executions


def _walk(executions: list[Execution]) -> list[AuthenticatorExecution | SubflowExecution]:
    found: list[AuthenticatorExecution | SubflowExecution] = []
    for execution in executions:
        found.append(execution)
        if isinstance(execution, SubflowExecution):
            found.extend(_walk(execution.executions))
    return found


def walk_executions(flow: Flow) -> list[AuthenticatorExecution | SubflowExecution]:
    """Every execution of a flow, depth first (the order Keycloak lists executions in)."""
    return _walk(flow.executions)


SubflowExecution.model_rebuild()


# --- one file --------------------------------------------------------------------------------


class RealmDocument(Strict):
    """One rendered file of `realm/`. Sections may be spread over files; each appears once,
    except the lists (clientScopes, clients, groups, requiredActions, flows), which are joined."""

    realm: RealmSettings | None = None
    userProfile: UserProfile | None = None
    roles: Roles | None = None
    groups: list[Group] | None = None
    adminPermissions: AdminPermissions | None = None
    clientScopes: list[ClientScope] | None = None
    clients: list[Client] | None = None
    defaultRoles: DefaultRoles | None = None
    requiredActions: list[RequiredAction] | None = None
    flows: list[Flow] | None = None

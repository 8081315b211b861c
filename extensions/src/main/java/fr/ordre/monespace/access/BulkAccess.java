package fr.ordre.monespace.access;

import jakarta.ws.rs.ForbiddenException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Who may call one of MonEspace's bulk endpoints of a realm: a bearer token that Keycloak's admin
 * REST API would accept for that realm (AdminBearer), whose holder either has the endpoint's realm
 * role (the least-privilege service account of the Ordinal sync, or of the legacy import) or may
 * already manage the realm's users through the admin API (so the endpoint grants nothing new).
 * No token or an invalid one is 401, a valid token without the right is 403.
 */
public final class BulkAccess {

    private final KeycloakSession session;
    private final String role;

    /** {@code role}: the realm role opening this endpoint (declared in realm/roles.yaml). */
    public BulkAccess(KeycloakSession session, String role) {
        this.session = session;
        this.role = role;
    }

    public AdminAuth require(RealmModel target) {
        AdminAuth caller = AdminBearer.authenticate(session, target);
        if (!allowed(caller, target)) {
            throw new ForbiddenException("the " + role + " role or the right to manage users is required");
        }
        return caller;
    }

    private boolean allowed(AdminAuth caller, RealmModel target) {
        if (caller.getRealm().getId().equals(target.getId()) && caller.hasRealmRole(role)) {
            return true;
        }
        return AdminPermissions.evaluator(session, target, caller).users().canManage();
    }
}

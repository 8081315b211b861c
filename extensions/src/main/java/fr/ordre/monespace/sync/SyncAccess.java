package fr.ordre.monespace.sync;

import fr.ordre.monespace.access.BulkAccess;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;

/** Who may call the sync's endpoint: the {@value #ROLE} role, or the right to manage the realm's users. */
final class SyncAccess {

    /** Realm role of the sync's service account (declared in realm/roles.yaml). */
    static final String ROLE = "ordinal-sync";

    private final BulkAccess access;

    SyncAccess(KeycloakSession session) {
        this.access = new BulkAccess(session, ROLE);
    }

    AdminAuth require(RealmModel target) {
        return access.require(target);
    }
}

package fr.ordre.monespace.agent;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Support agents of the conseils: users of the realm holding the realm role {@value #ROLE}
 * through an agents' group (realm/support.yaml). Doctors never hold it.
 */
public final class Agents {

    /** The realm role of support agents (realm/roles.yaml). */
    public static final String ROLE = "support-agent";

    private Agents() {
    }

    public static boolean isAgent(RealmModel realm, UserModel user) {
        RoleModel role = realm.getRole(ROLE);
        return user != null && role != null && user.hasRole(role);
    }
}

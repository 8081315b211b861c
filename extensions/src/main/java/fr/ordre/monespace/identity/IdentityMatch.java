package fr.ordre.monespace.identity;

import org.keycloak.models.UserModel;

/** Result of matching (birth date, RPPS) against the doctors synced from Ordinal. */
public record IdentityMatch(UserModel doctor, boolean hasAccount) {

    private static final IdentityMatch NONE = new IdentityMatch(null, false);

    public static IdentityMatch none() {
        return NONE;
    }

    public boolean matched() {
        return doctor != null;
    }
}

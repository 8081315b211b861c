package fr.ordre.monespace.account;

import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Identifies the doctor's current password without revealing it: a reset link carries the stamp
 * of the password it replaces, so once the password changed — by this link or any other way —
 * the link is dead.
 */
public final class PasswordStamp {

    private PasswordStamp() {
    }

    public static String of(UserModel doctor) {
        return doctor.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst()
                .map(c -> c.getId() + ":" + c.getCreatedDate())
                .orElse("none");
    }
}

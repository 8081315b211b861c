package fr.ordre.monespace.account;

import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;

/** A doctor's login e-mail and password set together, when an espace is activated or recovered. */
public final class Credentials {

    private Credentials() {
    }

    /**
     * Sets the login e-mail and password. Returns false, changing nothing that matters, when the
     * e-mail was taken in the meantime (the database's uniqueness is the last word).
     */
    public static boolean set(UserModel doctor, String email, String password, boolean emailVerified) {
        try {
            LoginEmail.assign(doctor, email);
        } catch (ModelDuplicateException e) {
            return false;
        }
        doctor.setEmailVerified(emailVerified);
        doctor.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        return true;
    }
}

package fr.ordre.monespace.legacy.renewal;

import fr.ordre.monespace.account.Passwords;
import fr.ordre.monespace.legacy.hash.LegacyScheme;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The login's part in a portal password's migration. Keycloak re-hashes a portal hash with the
 * realm's algorithm at the first successful login, whatever the password; a password today's
 * policy (CNIL 2022-100) refuses signs in this once, and the doctor must then choose a new one
 * ({@link PasswordRenewalAction}) before reaching MonEspace. Only the login sees the password in
 * clear, so it is the login that decides.
 */
public final class PasswordRenewal {

    private PasswordRenewal() {
    }

    /** Whether the doctor's password is still a portal hash: read before it is verified, which re-hashes it. */
    public static boolean holdsPortalHash(UserModel doctor) {
        return doctor.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst()
                .map(credential -> PasswordCredentialModel.createFromCredentialModel(credential)
                        .getPasswordCredentialData().getAlgorithm())
                .filter(LegacyScheme::isLegacy)
                .isPresent();
    }

    /** After a successful login with a portal hash: asks for a new password when the policy refuses this one. */
    public static void requireIfWeak(KeycloakSession session, RealmModel realm, UserModel doctor, String password) {
        if (Passwords.refusal(session, realm, doctor, doctor.getEmail(), password) != null) {
            doctor.addRequiredAction(PasswordRenewalActionFactory.ID);
        }
    }
}

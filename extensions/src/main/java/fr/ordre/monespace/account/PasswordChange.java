package fr.ordre.monespace.account;

import fr.ordre.monespace.delivery.DeliveryException;
import fr.ordre.monespace.delivery.Notices;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;

/** A doctor's new password, by the reset link or from the settings: what follows it is the same. */
public final class PasswordChange {

    private static final Logger LOG = Logger.getLogger(PasswordChange.class);

    private PasswordChange() {
    }

    /**
     * Sets {@code password}, ends the doctor's other sessions (all but {@code keepSessionId}, null
     * keeps none) and tells their login address.
     */
    public static void apply(KeycloakSession session, RealmModel realm, UserModel doctor, String password,
                             String keepSessionId) {
        doctor.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        Sessions.endOthers(session, realm, doctor, keepSessionId);
        try {
            new Notices(session, realm).passwordChanged(doctor);
        } catch (DeliveryException e) {
            // The doctor has just proven who they are (reset link or current password): the
            // notice is a courtesy, and the password stays changed.
            LOG.warnf("password-change notice for RPPS %s not sent: %s", doctor.getUsername(), e.getMessage());
        }
    }
}

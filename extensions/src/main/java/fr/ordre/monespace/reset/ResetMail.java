package fr.ordre.monespace.reset;

import fr.ordre.monespace.delivery.DeliveryException;
import fr.ordre.monespace.delivery.Notices;
import fr.ordre.monespace.texts.Wording;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends the reset link outside the request: the answer to 4.1 must take the same time whether or
 * not the address has an espace, and talking to the SMTP server takes long enough to tell.
 */
final class ResetMail {

    private static final Logger LOG = Logger.getLogger(ResetMail.class);
    private static final String EXECUTOR = "monespace-mail";

    private ResetMail() {
    }

    static void sendLater(KeycloakSession session, RealmModel realm, UserModel doctor, String link, int validitySeconds) {
        String realmId = realm.getId();
        String doctorId = doctor.getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        try {
            session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR).execute(() ->
                    KeycloakModelUtils.runJobInTransaction(factory, s -> send(s, realmId, doctorId, link, validitySeconds)));
        } catch (RejectedExecutionException e) {
            LOG.warnf("reset link for RPPS %s not queued: %s", doctor.getUsername(), e.getClass().getSimpleName());
        }
    }

    private static void send(KeycloakSession session, String realmId, String doctorId, String link, int validitySeconds) {
        RealmModel realm = session.realms().getRealm(realmId);
        session.getContext().setRealm(realm);
        UserModel doctor = session.users().getUserById(realm, doctorId);
        if (doctor == null || doctor.getEmail() == null) {
            return;
        }
        try {
            new Notices(session, realm).send(doctor, doctor.getEmail(), "monespaceResetSubject",
                    "monespace-reset-link.ftl", Map.of("link", link,
                            "validity", Wording.login(session, realm, doctor).duration(validitySeconds)));
        } catch (DeliveryException | UncheckedIOException e) {
            // The doctor saw the neutral confirmation; they can ask again. The reason names
            // exception types only, never the address.
            LOG.warnf("reset link for RPPS %s not sent: %s", doctor.getUsername(), e.getMessage());
        }
    }
}

package fr.ordre.monespace.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** E-mails that confirm or warn of a change to an espace: activation, recovery, e-mail change. */
public final class Notices {

    private final KeycloakSession session;
    private final RealmModel realm;

    public Notices(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * Sends {@code template} (in the e-mail theme's html/ and text/) with subject {@code subjectKey}
     * to {@code address}.
     */
    public void send(UserModel doctor, String address, String subjectKey, String template,
                     Map<String, Object> attributes) throws DeliveryException {
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(doctor)
                    .send(subjectKey, List.of(), template, new HashMap<>(attributes), address);
        } catch (EmailException e) {
            throw new DeliveryException(DeliveryException.describe(e), e);
        }
    }
}

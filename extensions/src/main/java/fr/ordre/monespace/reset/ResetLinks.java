package fr.ordre.monespace.reset;

import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.account.PasswordStamp;
import fr.ordre.monespace.delivery.DeliveryException;
import fr.ordre.monespace.delivery.Notices;
import fr.ordre.monespace.texts.Wording;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.urls.UrlType;

/**
 * A reset link sent on a support agent's request: the same single-use link, bound to the login
 * e-mail and the password, as "Identifiants oubliés ?" mails (SPEC 4), valid as long. It starts its
 * own session when opened, for the client {@code clientId} (the home), where the doctor lands.
 */
public final class ResetLinks {

    private ResetLinks() {
    }

    /** Mails the link to the doctor's login e-mail now; DeliveryException when the SMTP server refused it. */
    public static void mailNow(KeycloakSession session, RealmModel realm, UserModel doctor, String clientId)
            throws DeliveryException {
        int validity = realm.getActionTokenGeneratedByUserLifespan(ResetLinkToken.TOKEN_TYPE);
        ResetLinkToken token = new ResetLinkToken(doctor.getId(), doctor.getEmail(),
                (int) (Time.currentTimeSeconds() + validity), null, clientId, PasswordStamp.of(doctor),
                LoginEmail.stamp(doctor));
        var uri = session.getContext().getUri(UrlType.FRONTEND);
        String link = LoginActionsService.actionTokenProcessor(uri)
                .queryParam(Constants.KEY, token.serialize(session, realm, uri))
                .queryParam(Constants.CLIENT_ID, clientId)
                .build(realm.getName()).toString();
        new Notices(session, realm).send(doctor, doctor.getEmail(), "monespaceResetSubject",
                "monespace-reset-link.ftl", Map.of("link", link,
                        "validity", Wording.login(session, realm, doctor).duration(validity)));
    }
}

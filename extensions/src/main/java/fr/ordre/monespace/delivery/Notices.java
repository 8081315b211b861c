package fr.ordre.monespace.delivery;

import fr.ordre.monespace.contract.RealmAttributes;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * E-mails that confirm or warn of a change to an espace: activation, new login e-mail, new
 * password. {@link #send} also carries the one-time codes and the reset links.
 */
public final class Notices {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String NOTICE_TEMPLATE = "monespace-notice.ftl";

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
            // Keycloak adds its own entries to the attribute map: it must be mutable.
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(doctor)
                    .send(subjectKey, List.of(), template, new HashMap<>(attributes), address);
        } catch (EmailException e) {
            throw new DeliveryException(DeliveryException.describe(e), e);
        }
    }

    /**
     * Tells the previous login address that it no longer opens the espace, with the Ordre's
     * contact in case the change was not the doctor's.
     */
    public void loginEmailChanged(UserModel doctor, String previousAddress) throws DeliveryException {
        send(doctor, previousAddress, "monespaceLoginEmailChangedSubject", NOTICE_TEMPLATE,
                notice("monespaceLoginEmailChangedTitle", "monespaceLoginEmailChangedBody"));
    }

    /** Tells the login address that the password changed. */
    public void passwordChanged(UserModel doctor) throws DeliveryException {
        send(doctor, doctor.getEmail(), "monespacePasswordChangedSubject", NOTICE_TEMPLATE,
                notice("monespacePasswordChangedTitle", "monespacePasswordChangedBody"));
    }

    private Map<String, Object> notice(String titleKey, String bodyKey) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("noticeTitleKey", titleKey);
        attributes.put("noticeBodyKey", bodyKey);
        attributes.put("noticeArgs", List.of(WHEN.format(ZonedDateTime.now(PARIS))));
        attributes.put("noticeNoteKey", "monespaceEmailNotYouChange");
        String support = realm.getAttribute(RealmAttributes.SUPPORT_URL);
        if (support != null && !support.isBlank()) {
            attributes.put("actionUrl", support);
            attributes.put("actionKey", "monespaceContactOrdre");
        }
        return attributes;
    }
}

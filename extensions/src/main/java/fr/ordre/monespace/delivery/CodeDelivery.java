package fr.ordre.monespace.delivery;

import fr.ordre.monespace.sms.SmsException;
import fr.ordre.monespace.sms.SmsSender;
import fr.ordre.monespace.texts.Wording;
import java.io.UncheckedIOException;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Hands a one-time code to the SMS gateway or the SMTP server, saying how long it is valid. The
 * code and the destination never reach a log line: failures carry only the gateway's status.
 */
public final class CodeDelivery {

    static final String SMS_TEXT = "monespaceSmsCodeText";
    static final String MAIL_SUBJECT = "monespaceCodeSubject";
    static final String MAIL_TEMPLATE = "monespace-code.ftl";

    private final KeycloakSession session;
    private final RealmModel realm;

    public CodeDelivery(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public void send(Channel channel, UserModel doctor, String destination, String code, int ttlSeconds)
            throws DeliveryException {
        String validity;
        String sms;
        try {
            // The doctor's language, as the mails Keycloak sends them.
            Wording wording = Wording.login(session, realm, doctor);
            validity = wording.duration(ttlSeconds);
            sms = channel == Channel.SMS ? wording.format(SMS_TEXT, code, validity) : null;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new DeliveryException(e.getMessage(), e);
        }
        if (channel == Channel.SMS) {
            sendSms(destination, sms);
        } else {
            new Notices(session, realm).send(doctor, destination, MAIL_SUBJECT, MAIL_TEMPLATE,
                    Map.of("code", code, "validity", validity));
        }
    }

    private void sendSms(String mobile, String text) throws DeliveryException {
        SmsSender sender = session.getProvider(SmsSender.class);
        if (sender == null) {
            throw new DeliveryException("no sms-sender provider is enabled", null);
        }
        try {
            sender.send(mobile, text);
        } catch (SmsException e) {
            throw new DeliveryException(e.getMessage(), e);
        }
    }
}

package fr.ordre.monespace.delivery;

import fr.ordre.monespace.sms.SmsException;
import fr.ordre.monespace.sms.SmsSender;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Hands a one-time code to the SMS gateway or the SMTP server. The code and the destination never
 * reach a log line: failures carry only the gateway's status.
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
        int minutes = Math.max(1, ttlSeconds / 60);
        if (channel == Channel.SMS) {
            sendSms(doctor, destination, code, minutes);
        } else {
            new Notices(session, realm).send(doctor, destination, MAIL_SUBJECT, MAIL_TEMPLATE,
                    Map.of("code", code, "minutes", minutes));
        }
    }

    private void sendSms(UserModel doctor, String mobile, String code, int minutes) throws DeliveryException {
        SmsSender sender = session.getProvider(SmsSender.class);
        if (sender == null) {
            throw new DeliveryException("no sms-sender provider is enabled", null);
        }
        try {
            Locale locale = session.getContext().resolveLocale(doctor);
            sender.send(mobile, Messages.format(session, realm, locale, SMS_TEXT, code, minutes));
        } catch (SmsException | IOException e) {
            throw new DeliveryException(e.getMessage(), e);
        }
    }
}

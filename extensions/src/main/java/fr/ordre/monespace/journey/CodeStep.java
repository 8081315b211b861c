package fr.ordre.monespace.journey;

import fr.ordre.monespace.code.CodeChallenge;
import fr.ordre.monespace.code.SendDecision;
import fr.ordre.monespace.code.Verification;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.CodeDelivery;
import fr.ordre.monespace.delivery.ContactDetails;
import fr.ordre.monespace.delivery.DeliveryException;
import fr.ordre.monespace.identity.Throttle;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Screens 2.2–2.3 / 3.2–3.3: sends codes within the per-flow cooldown and cap and the cross-flow
 * limits per RPPS and per client address, and checks typed codes.
 */
public final class CodeStep {

    private static final Logger LOG = Logger.getLogger(CodeStep.class);

    /** What a send attempt did; {@code waitSeconds} is set for TOO_EARLY. */
    public record SendResult(Kind kind, long waitSeconds) {

        public enum Kind { SENT, TOO_EARLY, CAP_REACHED, THROTTLED, FAILED }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final JourneySettings settings;

    public CodeStep(KeycloakSession session, RealmModel realm, JourneySettings settings) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
    }

    public SendResult send(Journey journey, UserModel doctor, Channel channel, String clientAddress) {
        long now = Time.currentTimeSeconds();
        CodeChallenge state = journey.code();
        SendDecision decision = state.canSend(settings.codeLimits(), now);
        if (decision.kind() == SendDecision.Kind.TOO_EARLY) {
            return new SendResult(SendResult.Kind.TOO_EARLY, decision.waitSeconds());
        }
        if (decision.kind() == SendDecision.Kind.CAP_REACHED) {
            return new SendResult(SendResult.Kind.CAP_REACHED, 0);
        }
        Throttle byDoctor = new Throttle(session, realm, "code-sends-rpps");
        Throttle byAddress = new Throttle(session, realm, "code-sends-address");
        if (byDoctor.isLocked(doctor.getUsername(), settings.identityMaxCodeSends())
                || byAddress.isLocked(clientAddress, settings.addressMaxCodeSends())) {
            return new SendResult(SendResult.Kind.THROTTLED, 0);
        }
        String destination = ContactDetails.of(doctor).destination(channel);
        if (destination == null) {
            return new SendResult(SendResult.Kind.FAILED, 0);
        }
        String code = CodeChallenge.newCode();
        try {
            new CodeDelivery(session, realm)
                    .send(channel, doctor, destination, code, settings.codeLimits().ttlSeconds());
        } catch (DeliveryException e) {
            // Not counted as sent: the doctor may try again at once.
            LOG.warnf("one-time code not delivered by %s for RPPS %s: %s", channel.id(), doctor.getUsername(),
                    e.getMessage());
            return new SendResult(SendResult.Kind.FAILED, 0);
        }
        byDoctor.record(doctor.getUsername(), settings.identityMaxCodeSends(), settings.codeSendWindowSeconds(), 0);
        byAddress.record(clientAddress, settings.addressMaxCodeSends(), settings.codeSendWindowSeconds(), 0);
        journey.storeCode(state.sent(code, channel.id(), settings.codeLimits(), now));
        return new SendResult(SendResult.Kind.SENT, 0);
    }

    public Verification verify(Journey journey, String typed) {
        Verification verification = journey.code().verify(typed, settings.codeLimits(), Time.currentTimeSeconds());
        journey.storeCode(verification.next());
        return verification;
    }
}

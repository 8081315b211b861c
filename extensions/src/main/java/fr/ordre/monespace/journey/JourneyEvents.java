package fr.ordre.monespace.journey;

import fr.ordre.monespace.contract.EventDetails;
import fr.ordre.monespace.contract.EventError;
import fr.ordre.monespace.contract.EventStep;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.limits.Limit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * Keycloak events for each step of a journey, with the RPPS and never a secret nor a contact
 * detail (names: realm/contract.yaml {@code events}). Steps without an event type of their own
 * are CUSTOM_REQUIRED_ACTION events told apart by their {@link EventStep}, which the metrics
 * listener counts.
 */
public final class JourneyEvents {

    /** Where the events go: the request's Keycloak events (a recorder in unit tests). */
    public interface Out {
        /** One event; {@code doctor} may be null, {@code error} null is a success. */
        void send(EventType type, UserModel doctor, Map<String, String> details, EventError error);
    }

    private final Out out;
    private final String journey;

    public JourneyEvents(Out out, String journey) {
        this.out = out;
        this.journey = journey;
    }

    /** The events of {@code context}'s request. */
    public static JourneyEvents of(AuthenticationFlowContext context, String journey) {
        return new JourneyEvents((type, doctor, details, error) -> {
            EventBuilder event = context.getEvent().clone().event(type);
            if (doctor != null) {
                event.user(doctor);
            }
            details.forEach(event::detail);
            if (error == null) {
                event.success();
            } else {
                event.error(error.label());
            }
        }, journey);
    }

    private void send(EventType type, EventStep step, UserModel doctor, EventError error, String... details) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(EventDetails.JOURNEY, journey);
        all.put(EventDetails.STEP, step.label());
        if (doctor != null) {
            all.put(EventDetails.RPPS, doctor.getUsername());
        }
        for (int i = 0; i < details.length; i += 2) {
            if (details[i + 1] != null) {
                all.put(details[i], details[i + 1]);
            }
        }
        out.send(type, doctor, all, error);
    }

    /** {@code type}: REGISTER_ERROR for creation, RESET_PASSWORD_ERROR for recovery. */
    public void identityFailed(EventType type, String rpps, EventError error) {
        send(type, EventStep.IDENTITY, null, error, EventDetails.RPPS, rpps);
    }

    public void identityThrottled(EventType type, String rpps) {
        send(type, EventStep.IDENTITY, null, EventError.IDENTITY_THROTTLED, EventDetails.RPPS, rpps,
                EventDetails.THROTTLED, Limit.Kind.IDENTITY.label());
    }

    public void codeSent(UserModel doctor, Channel channel) {
        send(EventType.CUSTOM_REQUIRED_ACTION, EventStep.CODE_SENT, doctor, null, EventDetails.CHANNEL, channel.id());
    }

    public void codeNotSent(UserModel doctor, Channel channel, EventError error) {
        send(EventType.CUSTOM_REQUIRED_ACTION, EventStep.CODE_SENT, doctor, error, EventDetails.CHANNEL, channel.id());
    }

    /** A code not sent because a limit refused it ({@code kind}: code, or wrong_code when locked). */
    public void codeSendThrottled(UserModel doctor, Channel channel, Limit.Kind kind, EventError error) {
        send(EventType.CUSTOM_REQUIRED_ACTION, EventStep.CODE_SENT, doctor, error, EventDetails.CHANNEL, channel.id(),
                EventDetails.THROTTLED, kind.label());
    }

    public void codeFailed(UserModel doctor, EventError error) {
        send(EventType.CUSTOM_REQUIRED_ACTION, EventStep.CODE, doctor, error);
    }

    /** A typed code not even compared: the doctor's wrong codes are used up. */
    public void codeEntryThrottled(UserModel doctor) {
        send(EventType.CUSTOM_REQUIRED_ACTION, EventStep.CODE, doctor, EventError.WRONG_CODES_THROTTLED,
                EventDetails.THROTTLED, Limit.Kind.WRONG_CODE.label());
    }

    /** "Un compte est déjà associé à cette adresse mail" withheld: the doctor's answers are used up. */
    public void emailTakenThrottled(UserModel doctor) {
        send(EventType.CUSTOM_REQUIRED_ACTION, EventStep.CREDENTIALS, doctor, EventError.EMAIL_TAKEN_THROTTLED,
                EventDetails.THROTTLED, Limit.Kind.EMAIL_TAKEN.label());
    }

    /** The journey succeeded: {@code step} is ACTIVATED or RECOVERED. */
    public void completed(EventType type, EventStep step, UserModel doctor, Channel channel) {
        send(type, step, doctor, null, EventDetails.CHANNEL, channel == null ? null : channel.id());
    }
}

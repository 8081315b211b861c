package fr.ordre.monespace.journey;

import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.limits.Limit;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * Keycloak events for each step of a journey, with the RPPS and never a secret nor a contact
 * detail. Steps without an event type of their own are CUSTOM_REQUIRED_ACTION events told apart
 * by the {@code monespace_step} detail, which the metrics listener counts.
 */
public final class JourneyEvents {

    public static final String JOURNEY = "monespace_journey";
    public static final String STEP = "monespace_step";
    public static final String RPPS = "rpps";
    public static final String CHANNEL = "channel";
    /** On a refusal by a limit: the limit's kind, which {@code monespace_throttled_total} counts. */
    public static final String THROTTLED = "monespace_throttled";

    private final AuthenticationFlowContext context;
    private final String journey;

    public JourneyEvents(AuthenticationFlowContext context, String journey) {
        this.context = context;
        this.journey = journey;
    }

    private EventBuilder event(EventType type, String step) {
        return context.getEvent().clone().event(type).detail(JOURNEY, journey).detail(STEP, step);
    }

    /** {@code errorType}: REGISTER_ERROR for creation, RESET_PASSWORD_ERROR for recovery. */
    public void identityFailed(EventType type, String rpps, String error) {
        EventBuilder event = event(type, "identity");
        if (rpps != null) {
            event.detail(RPPS, rpps);
        }
        event.error(error);
    }

    public void identityThrottled(EventType type, String rpps) {
        event(type, "identity").detail(RPPS, rpps).detail(THROTTLED, Limit.Kind.IDENTITY.label())
                .error("identity_throttled");
    }

    public void codeSent(UserModel doctor, Channel channel) {
        event(EventType.CUSTOM_REQUIRED_ACTION, "code_sent").user(doctor).detail(RPPS, doctor.getUsername())
                .detail(CHANNEL, channel.id()).success();
    }

    public void codeNotSent(UserModel doctor, Channel channel, String error) {
        event(EventType.CUSTOM_REQUIRED_ACTION, "code_sent").user(doctor).detail(RPPS, doctor.getUsername())
                .detail(CHANNEL, channel.id()).error(error);
    }

    /** A code not sent because a limit refused it ({@code kind}: code, or wrong_code when locked). */
    public void codeSendThrottled(UserModel doctor, Channel channel, Limit.Kind kind, String error) {
        event(EventType.CUSTOM_REQUIRED_ACTION, "code_sent").user(doctor).detail(RPPS, doctor.getUsername())
                .detail(CHANNEL, channel.id()).detail(THROTTLED, kind.label()).error(error);
    }

    public void codeFailed(UserModel doctor, String error) {
        event(EventType.CUSTOM_REQUIRED_ACTION, "code").user(doctor).detail(RPPS, doctor.getUsername()).error(error);
    }

    /** A typed code not even compared: the doctor's wrong codes are used up. */
    public void codeEntryThrottled(UserModel doctor) {
        event(EventType.CUSTOM_REQUIRED_ACTION, "code").user(doctor).detail(RPPS, doctor.getUsername())
                .detail(THROTTLED, Limit.Kind.WRONG_CODE.label()).error("wrong_codes_throttled");
    }

    /** "Un compte est déjà associé à cette adresse mail" withheld: the doctor's answers are used up. */
    public void emailTakenThrottled(UserModel doctor) {
        event(EventType.CUSTOM_REQUIRED_ACTION, "credentials").user(doctor).detail(RPPS, doctor.getUsername())
                .detail(THROTTLED, Limit.Kind.EMAIL_TAKEN.label()).error("email_taken_throttled");
    }

    public void completed(EventType type, String step, UserModel doctor, Channel channel) {
        EventBuilder event = event(type, step).user(doctor).detail(RPPS, doctor.getUsername());
        if (channel != null) {
            event.detail(CHANNEL, channel.id());
        }
        event.success();
    }
}

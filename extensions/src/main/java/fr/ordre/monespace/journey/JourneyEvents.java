package fr.ordre.monespace.journey;

import fr.ordre.monespace.delivery.Channel;
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

    public void codeSent(UserModel doctor, Channel channel) {
        event(EventType.CUSTOM_REQUIRED_ACTION, "code_sent").user(doctor).detail(RPPS, doctor.getUsername())
                .detail(CHANNEL, channel.id()).success();
    }

    public void codeNotSent(UserModel doctor, Channel channel, String error) {
        event(EventType.CUSTOM_REQUIRED_ACTION, "code_sent").user(doctor).detail(RPPS, doctor.getUsername())
                .detail(CHANNEL, channel.id()).error(error);
    }

    public void codeFailed(UserModel doctor, String error) {
        event(EventType.CUSTOM_REQUIRED_ACTION, "code").user(doctor).detail(RPPS, doctor.getUsername()).error(error);
    }

    public void completed(EventType type, String step, UserModel doctor, Channel channel) {
        EventBuilder event = event(type, step).user(doctor).detail(RPPS, doctor.getUsername());
        if (channel != null) {
            event.detail(CHANNEL, channel.id());
        }
        event.success();
    }
}

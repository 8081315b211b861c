package fr.ordre.monespace.metrics;

import fr.ordre.monespace.journey.JourneyEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/**
 * Turns MonEspace's Keycloak events into counters (exposed by Keycloak at /metrics on the
 * management port). Pure mapping, so it is tested without a server.
 */
final class JourneyMetrics {

    private final MeterRegistry registry;

    JourneyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Event event) {
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        String step = details.get(JourneyEvents.STEP);
        String journey = details.getOrDefault(JourneyEvents.JOURNEY, "none");
        String channel = details.getOrDefault(JourneyEvents.CHANNEL, "none");
        String error = event.getError() == null ? "none" : event.getError();
        EventType type = event.getType();
        if (type == EventType.SEND_RESET_PASSWORD_ERROR) {
            if ("reset_throttled".equals(error)) {
                throttled("reset");
            }
            return;
        }
        if (step == null) {
            return;
        }
        switch (step) {
            case "identity" -> {
                count("monespace.identity.failures", "journey", journey, "reason", error);
                if ("identity_throttled".equals(error)) {
                    throttled("identity");
                }
            }
            case "code_sent" -> {
                if (event.getError() == null) {
                    count("monespace.codes.sent", "journey", journey, "channel", channel);
                } else if ("code_sends_throttled".equals(error)) {
                    throttled("code");
                } else {
                    count("monespace.code.delivery.failures", "journey", journey, "channel", channel);
                }
            }
            case "code" -> count("monespace.code.failures", "journey", journey, "reason", error);
            case "activated" -> count("monespace.activations", "channel", channel);
            case "recovered" -> count("monespace.recoveries", "channel", channel);
            case "password_reset" -> count("monespace.password.resets");
            default -> {
            }
        }
    }

    private void throttled(String kind) {
        count("monespace.throttled", "kind", kind);
    }

    private void count(String name, String... tags) {
        registry.counter(name, tags).increment();
    }
}

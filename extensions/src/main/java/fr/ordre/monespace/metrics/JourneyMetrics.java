package fr.ordre.monespace.metrics;

import fr.ordre.monespace.journey.JourneyEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.keycloak.events.Event;

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
        String throttled = details.get(JourneyEvents.THROTTLED);
        if (throttled != null) {
            // Any refusal by a limit, whatever the screen: identity, code, wrong_code, reset…
            count("monespace.throttled", "kind", throttled);
        }
        if (step == null) {
            return;
        }
        switch (step) {
            case "identity" -> count("monespace.identity.failures", "journey", journey, "reason", error);
            case "code_sent" -> {
                if (event.getError() == null) {
                    count("monespace.codes.sent", "journey", journey, "channel", channel);
                } else if (throttled == null) {
                    count("monespace.code.delivery.failures", "journey", journey, "channel", channel);
                }
            }
            case "code" -> {
                if (throttled == null) {
                    count("monespace.code.failures", "journey", journey, "reason", error);
                }
            }
            case "activated" -> count("monespace.activations", "channel", channel);
            case "recovered" -> count("monespace.recoveries", "channel", channel);
            case "password_reset" -> count("monespace.password.resets");
            default -> {
            }
        }
    }

    private void count(String name, String... tags) {
        registry.counter(name, tags).increment();
    }
}

package fr.ordre.monespace.metrics;

import fr.ordre.monespace.contract.EventDetails;
import fr.ordre.monespace.contract.EventStep;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.keycloak.events.Event;

/**
 * Turns MonEspace's Keycloak events into counters (exposed by Keycloak at /metrics on the
 * management port as {@code <name with _>_total}; realm/contract.yaml {@code metrics}). Pure
 * mapping, so it is tested without a server.
 */
final class JourneyMetrics {

    /** A counter and the names of its labels, in the order {@link #count} takes their values. */
    record Counter(String name, String... labels) {
    }

    static final Counter CODES_SENT = new Counter("monespace.codes.sent", "journey", "channel");
    static final Counter CODE_DELIVERY_FAILURES = new Counter("monespace.code.delivery.failures", "journey", "channel");
    static final Counter CODE_FAILURES = new Counter("monespace.code.failures", "journey", "reason");
    static final Counter IDENTITY_FAILURES = new Counter("monespace.identity.failures", "journey", "reason");
    static final Counter THROTTLED = new Counter("monespace.throttled", "kind");
    static final Counter ACTIVATIONS = new Counter("monespace.activations", "channel");
    static final Counter RECOVERIES = new Counter("monespace.recoveries", "channel");
    static final Counter PASSWORD_RESETS = new Counter("monespace.password.resets");
    static final List<Counter> ALL = List.of(CODES_SENT, CODE_DELIVERY_FAILURES, CODE_FAILURES, IDENTITY_FAILURES,
            THROTTLED, ACTIVATIONS, RECOVERIES, PASSWORD_RESETS);

    private final MeterRegistry registry;

    JourneyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Event event) {
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        String journey = details.getOrDefault(EventDetails.JOURNEY, "none");
        String channel = details.getOrDefault(EventDetails.CHANNEL, "none");
        String error = event.getError() == null ? "none" : event.getError();
        String throttled = details.get(EventDetails.THROTTLED);
        if (throttled != null) {
            // Any refusal by a limit, whatever the screen: identity, code, wrong_code, reset…
            count(THROTTLED, throttled);
        }
        EventStep step = EventStep.of(details.get(EventDetails.STEP)).orElse(null);
        if (step == null) {
            return;
        }
        switch (step) {
            case IDENTITY -> count(IDENTITY_FAILURES, journey, error);
            case CODE_SENT -> {
                if (event.getError() == null) {
                    count(CODES_SENT, journey, channel);
                } else if (throttled == null) {
                    count(CODE_DELIVERY_FAILURES, journey, channel);
                }
            }
            case CODE -> {
                if (throttled == null) {
                    count(CODE_FAILURES, journey, error);
                }
            }
            case ACTIVATED -> count(ACTIVATIONS, channel);
            case RECOVERED -> count(RECOVERIES, channel);
            case PASSWORD_RESET -> count(PASSWORD_RESETS);
            case CREDENTIALS -> {
            }
        }
    }

    private void count(Counter counter, String... values) {
        String[] tags = new String[counter.labels().length * 2];
        for (int i = 0; i < counter.labels().length; i++) {
            tags[2 * i] = counter.labels()[i];
            tags[2 * i + 1] = values[i];
        }
        registry.counter(counter.name(), tags).increment();
    }
}

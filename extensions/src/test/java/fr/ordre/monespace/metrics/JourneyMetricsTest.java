package fr.ordre.monespace.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

class JourneyMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JourneyMetrics metrics = new JourneyMetrics(registry);

    private static Event event(EventType type, String error, String... details) {
        Event event = new Event();
        event.setType(type);
        event.setError(error);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < details.length; i += 2) {
            map.put(details[i], details[i + 1]);
        }
        event.setDetails(map);
        return event;
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void countsCodesSentPerChannel() {
        metrics.record(event(EventType.CUSTOM_REQUIRED_ACTION, null, "monespace_step", "code_sent",
                "monespace_journey", "creation", "channel", "sms"));
        metrics.record(event(EventType.CUSTOM_REQUIRED_ACTION, null, "monespace_step", "code_sent",
                "monespace_journey", "creation", "channel", "email"));
        assertEquals(1, count("monespace.codes.sent", "channel", "sms"));
        assertEquals(1, count("monespace.codes.sent", "channel", "email"));
    }

    @Test
    void countsFailuresAndThrottling() {
        metrics.record(event(EventType.REGISTER_ERROR, "identity_mismatch", "monespace_step", "identity",
                "monespace_journey", "creation"));
        metrics.record(event(EventType.REGISTER_ERROR, "identity_throttled", "monespace_step", "identity",
                "monespace_journey", "creation", "monespace_throttled", "identity"));
        metrics.record(event(EventType.CUSTOM_REQUIRED_ACTION_ERROR, "invalid_code", "monespace_step", "code",
                "monespace_journey", "recovery"));
        metrics.record(event(EventType.CUSTOM_REQUIRED_ACTION_ERROR, "code_sends_throttled",
                "monespace_step", "code_sent", "channel", "sms", "monespace_throttled", "code"));
        metrics.record(event(EventType.SEND_RESET_PASSWORD_ERROR, "reset_throttled", "monespace_throttled", "reset"));
        assertEquals(1, count("monespace.identity.failures", "reason", "identity_mismatch"));
        assertEquals(1, count("monespace.throttled", "kind", "identity"));
        assertEquals(1, count("monespace.code.failures", "reason", "invalid_code", "journey", "recovery"));
        assertEquals(1, count("monespace.throttled", "kind", "code"));
        assertEquals(0, count("monespace.code.delivery.failures"), "a refused send is not a delivery failure");
        assertEquals(1, count("monespace.throttled", "kind", "reset"));
    }

    @Test
    void countsEveryRefusalByALimitUnderItsKind() {
        metrics.record(event(EventType.CUSTOM_REQUIRED_ACTION_ERROR, "wrong_codes_throttled", "monespace_step", "code",
                "monespace_journey", "creation", "monespace_throttled", "wrong_code"));
        metrics.record(event(EventType.CUSTOM_REQUIRED_ACTION_ERROR, "email_taken_throttled",
                "monespace_step", "credentials", "monespace_throttled", "email_taken"));
        metrics.record(event(EventType.UPDATE_CREDENTIAL_ERROR, "current_password_throttled",
                "monespace_throttled", "current_password"));
        assertEquals(1, count("monespace.throttled", "kind", "wrong_code"));
        assertEquals(1, count("monespace.throttled", "kind", "email_taken"));
        assertEquals(1, count("monespace.throttled", "kind", "current_password"));
        assertEquals(0, count("monespace.code.failures"), "a code not even compared is no wrong code");
    }

    @Test
    void countsCompletedJourneys() {
        metrics.record(event(EventType.REGISTER, null, "monespace_step", "activated", "channel", "email"));
        metrics.record(event(EventType.RESET_PASSWORD, null, "monespace_step", "recovered", "channel", "sms"));
        metrics.record(event(EventType.RESET_PASSWORD, null, "monespace_step", "password_reset"));
        assertEquals(1, count("monespace.activations", "channel", "email"));
        assertEquals(1, count("monespace.recoveries"));
        assertEquals(1, count("monespace.password.resets"));
    }

    @Test
    void ignoresOtherEvents() {
        metrics.record(event(EventType.LOGIN, null));
        assertNull(registry.find("monespace.activations").counter());
    }
}

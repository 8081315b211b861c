package fr.ordre.monespace.contract;

import java.util.Locale;
import java.util.Optional;

/**
 * The steps of a journey as events report them (detail {@link EventDetails#STEP}); steps without an
 * event type of their own are CUSTOM_REQUIRED_ACTION events told apart by it.
 */
public enum EventStep {
    IDENTITY,
    CODE_SENT,
    CODE,
    CREDENTIALS,
    ACTIVATED,
    RECOVERED,
    PASSWORD_RESET,
    /** A weak password of the old portal replaced after its first login (legacy/renewal). */
    LEGACY_PASSWORD_RENEWED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventStep> of(String label) {
        for (EventStep step : values()) {
            if (step.label().equals(label)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }
}

package fr.ordre.monespace.journey;

import fr.ordre.monespace.code.CodeLimits;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.AuthenticatorConfigModel;

/**
 * Typed settings of a creation or recovery journey, read from the authenticator config that
 * realm/ sets; every value has the Ordre's default (SPEC 0), declared once in
 * {@link JourneySettingsProperties}.
 */
public record JourneySettings(
        CodeLimits codeLimits,
        int identityMaxFailures,
        int identityFailureWindowSeconds,
        int identityLockoutSeconds,
        int addressMaxFailures,
        int identityMaxCodeSends,
        int addressMaxCodeSends,
        int codeSendWindowSeconds,
        Set<String> activeStatuses) {

    public static JourneySettings from(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        var p = new Reader(config);
        return new JourneySettings(
                new CodeLimits(
                        p.integer(JourneySettingsProperties.CODE_TTL_SECONDS),
                        p.integer(JourneySettingsProperties.CODE_MAX_ATTEMPTS),
                        p.integer(JourneySettingsProperties.CODE_RESEND_COOLDOWN_SECONDS),
                        p.integer(JourneySettingsProperties.CODE_MAX_RESENDS)),
                p.integer(JourneySettingsProperties.IDENTITY_MAX_FAILURES),
                p.integer(JourneySettingsProperties.IDENTITY_FAILURE_WINDOW_SECONDS),
                p.integer(JourneySettingsProperties.IDENTITY_LOCKOUT_SECONDS),
                p.integer(JourneySettingsProperties.ADDRESS_MAX_FAILURES),
                p.integer(JourneySettingsProperties.IDENTITY_MAX_CODE_SENDS),
                p.integer(JourneySettingsProperties.ADDRESS_MAX_CODE_SENDS),
                p.integer(JourneySettingsProperties.CODE_SEND_WINDOW_SECONDS),
                Arrays.stream(p.text(JourneySettingsProperties.ACTIVE_STATUSES).split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    private record Reader(Map<String, String> config) {
        String text(String key) {
            String value = config.get(key);
            return value == null || value.isBlank() ? JourneySettingsProperties.DEFAULTS.get(key) : value.strip();
        }

        int integer(String key) {
            try {
                return Integer.parseInt(text(key));
            } catch (NumberFormatException e) {
                // A typo in the realm config must not open the gates: fall back to the default.
                return Integer.parseInt(JourneySettingsProperties.DEFAULTS.get(key));
            }
        }
    }
}

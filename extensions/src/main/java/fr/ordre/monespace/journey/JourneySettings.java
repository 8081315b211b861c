package fr.ordre.monespace.journey;

import fr.ordre.monespace.code.CodeLimits;
import fr.ordre.monespace.limits.Limit;
import fr.ordre.monespace.limits.Limit.Kind;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.AuthenticatorConfigModel;

/**
 * Typed settings of a creation or recovery journey, read from the authenticator config that
 * realm/ sets; every value has the Ordre's default (SPEC 0), declared once in
 * {@link JourneySettingsProperties}. The limits that protect a doctor are named alike in both
 * journeys and in Paramètres, so they count together whatever the flow.
 */
public record JourneySettings(
        CodeLimits codeLimits,
        int identityMaxFailures,
        int identityFailureWindowSeconds,
        int identityLockoutSeconds,
        int identityDailyMaxFailures,
        int addressMaxFailures,
        int addressMaxCodeSends,
        int codeSendWindowSeconds,
        int codeMaxWrongPerDoctor,
        int codeWrongWindowSeconds,
        int emailTakenMaxAnswers,
        int emailTakenWindowSeconds,
        int settingsMaxPasswordFailures,
        int settingsPasswordWindowSeconds,
        Set<String> activeStatuses) {

    private static final int DAY_SECONDS = 86_400;

    public static JourneySettings from(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        var p = new Reader(config);
        return new JourneySettings(
                new CodeLimits(
                        p.integer(JourneySettingsProperties.CODE_TTL_SECONDS, 1),
                        p.integer(JourneySettingsProperties.CODE_MAX_ATTEMPTS, 1),
                        p.integer(JourneySettingsProperties.CODE_RESEND_COOLDOWN_SECONDS, 0),
                        p.integer(JourneySettingsProperties.CODE_MAX_RESENDS, 0)),
                p.integer(JourneySettingsProperties.IDENTITY_MAX_FAILURES, 1),
                p.integer(JourneySettingsProperties.IDENTITY_FAILURE_WINDOW_SECONDS, 1),
                p.integer(JourneySettingsProperties.IDENTITY_LOCKOUT_SECONDS, 0),
                p.integer(JourneySettingsProperties.IDENTITY_DAILY_MAX_FAILURES, 1),
                p.integer(JourneySettingsProperties.ADDRESS_MAX_FAILURES, 1),
                p.integer(JourneySettingsProperties.ADDRESS_MAX_CODE_SENDS, 1),
                p.integer(JourneySettingsProperties.CODE_SEND_WINDOW_SECONDS, 1),
                p.integer(JourneySettingsProperties.CODE_MAX_WRONG_PER_DOCTOR, 1),
                p.integer(JourneySettingsProperties.CODE_WRONG_WINDOW_SECONDS, 1),
                p.integer(JourneySettingsProperties.EMAIL_TAKEN_MAX_ANSWERS, 1),
                p.integer(JourneySettingsProperties.EMAIL_TAKEN_WINDOW_SECONDS, 1),
                p.integer(JourneySettingsProperties.SETTINGS_MAX_PASSWORD_FAILURES, 1),
                p.integer(JourneySettingsProperties.SETTINGS_PASSWORD_WINDOW_SECONDS, 1),
                Arrays.stream(p.text(JourneySettingsProperties.ACTIVE_STATUSES).split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    /** Failed identity checks per RPPS: a burst locks the RPPS for a while. */
    public Limit identityPerRpps() {
        return new Limit("identity-rpps", Kind.IDENTITY, identityMaxFailures, identityFailureWindowSeconds,
                identityLockoutSeconds);
    }

    /** Failed identity checks per RPPS per day: lockout after lockout cannot walk through the birth dates. */
    public Limit identityPerRppsDaily() {
        return new Limit("identity-rpps-day", Kind.IDENTITY, identityDailyMaxFailures, DAY_SECONDS);
    }

    public Limit identityPerAddress() {
        return new Limit("identity-address", Kind.IDENTITY, addressMaxFailures, identityFailureWindowSeconds);
    }

    /** One code per doctor per cooldown, whatever the flow; null when the cooldown is 0. */
    public Limit codeCooldown() {
        int cooldown = codeLimits.resendCooldownSeconds();
        return cooldown == 0 ? null : new Limit("code-cooldown", Kind.CODE, 1, cooldown);
    }

    /** The first code and {@code code_max_resends} more per doctor per send window. */
    public Limit codeSendsPerDoctor() {
        return new Limit("code-sends-doctor", Kind.CODE, 1 + codeLimits.maxResends(), codeSendWindowSeconds);
    }

    public Limit codeSendsPerAddress() {
        return new Limit("code-sends-address", Kind.CODE, addressMaxCodeSends, codeSendWindowSeconds);
    }

    /** Wrong codes per doctor across every flow and code: a new flow brings no new tries. */
    public Limit wrongCodesPerDoctor() {
        return new Limit("wrong-codes-doctor", Kind.WRONG_CODE, codeMaxWrongPerDoctor, codeWrongWindowSeconds);
    }

    /** "Un compte est déjà associé à cette adresse mail" per doctor: not an oracle of login e-mails. */
    public Limit emailTakenPerDoctor() {
        return new Limit("email-taken-doctor", Kind.EMAIL_TAKEN, emailTakenMaxAnswers, emailTakenWindowSeconds);
    }

    /** Wrong current passwords in Paramètres per doctor, on top of the brute-force detector. */
    public Limit currentPasswordPerDoctor() {
        return new Limit("current-password", Kind.CURRENT_PASSWORD, settingsMaxPasswordFailures,
                settingsPasswordWindowSeconds);
    }

    private record Reader(Map<String, String> config) {
        String text(String key) {
            String value = config.get(key);
            return value == null || value.isBlank() ? JourneySettingsProperties.DEFAULTS.get(key) : value.strip();
        }

        int integer(String key, int minimum) {
            try {
                int value = Integer.parseInt(text(key));
                if (value >= minimum) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Below: a typo in the realm config must not open the gates.
            }
            return Integer.parseInt(JourneySettingsProperties.DEFAULTS.get(key));
        }
    }
}

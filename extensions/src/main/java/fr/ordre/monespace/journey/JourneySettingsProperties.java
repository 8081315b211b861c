package fr.ordre.monespace.journey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.provider.ProviderConfigProperty;

/** The authenticator config keys of a journey, their defaults and their admin-console help. */
public final class JourneySettingsProperties {

    public static final String CODE_TTL_SECONDS = "code_ttl_seconds";
    public static final String CODE_MAX_ATTEMPTS = "code_max_attempts";
    public static final String CODE_RESEND_COOLDOWN_SECONDS = "code_resend_cooldown_seconds";
    public static final String CODE_MAX_RESENDS = "code_max_resends";
    public static final String IDENTITY_MAX_FAILURES = "identity_max_failures";
    public static final String IDENTITY_FAILURE_WINDOW_SECONDS = "identity_failure_window_seconds";
    public static final String IDENTITY_LOCKOUT_SECONDS = "identity_lockout_seconds";
    public static final String ADDRESS_MAX_FAILURES = "address_max_failures";
    public static final String IDENTITY_DAILY_MAX_FAILURES = "identity_daily_max_failures";
    public static final String ADDRESS_MAX_CODE_SENDS = "address_max_code_sends";
    public static final String CODE_SEND_WINDOW_SECONDS = "code_send_window_seconds";
    public static final String CODE_MAX_WRONG_PER_DOCTOR = "code_max_wrong_per_doctor";
    public static final String CODE_WRONG_WINDOW_SECONDS = "code_wrong_window_seconds";
    public static final String EMAIL_TAKEN_MAX_ANSWERS = "email_taken_max_answers";
    public static final String EMAIL_TAKEN_WINDOW_SECONDS = "email_taken_window_seconds";
    public static final String SETTINGS_MAX_PASSWORD_FAILURES = "settings_max_password_failures";
    public static final String SETTINGS_PASSWORD_WINDOW_SECONDS = "settings_password_window_seconds";
    public static final String ACTIVE_STATUSES = "active_statuses";

    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        define(CODE_TTL_SECONDS, "600", "Validity of a one-time code, in seconds.");
        define(CODE_MAX_ATTEMPTS, "5", "Wrong entries that kill a code.");
        define(CODE_RESEND_COOLDOWN_SECONDS, "60", "Seconds between two codes sent to one doctor, whatever the flow.");
        define(CODE_MAX_RESENDS, "3", "Codes one doctor may get after the first one per send window, all flows together.");
        define(IDENTITY_MAX_FAILURES, "5", "Failed identity checks for one RPPS before it is locked.");
        define(IDENTITY_FAILURE_WINDOW_SECONDS, "900", "Window in which identity failures are counted.");
        define(IDENTITY_LOCKOUT_SECONDS, "900", "How long identity checks for a locked RPPS are refused.");
        define(IDENTITY_DAILY_MAX_FAILURES, "20", "Failed identity checks for one RPPS in any 24 hours.");
        define(ADDRESS_MAX_FAILURES, "100", "Failed identity checks from one client address (IPv6: its /64) per window.");
        define(ADDRESS_MAX_CODE_SENDS, "200", "Codes sent from one client address (IPv6: its /64) per send window.");
        define(CODE_SEND_WINDOW_SECONDS, "3600", "Window of the code send limits, in seconds.");
        define(CODE_MAX_WRONG_PER_DOCTOR, "5", "Wrong codes one doctor may type per window, all flows and codes together.");
        define(CODE_WRONG_WINDOW_SECONDS, "3600", "Window of the wrong codes per doctor, in seconds.");
        define(EMAIL_TAKEN_MAX_ANSWERS, "5", "Answers 'e-mail already used' one doctor may get per window (credentials and Paramètres).");
        define(EMAIL_TAKEN_WINDOW_SECONDS, "3600", "Window of the 'e-mail already used' answers, in seconds.");
        define(SETTINGS_MAX_PASSWORD_FAILURES, "5", "Wrong current passwords in Paramètres per doctor per window.");
        define(SETTINGS_PASSWORD_WINDOW_SECONDS, "900", "Window of the wrong current passwords in Paramètres, in seconds.");
        define(ACTIVE_STATUSES, "inscrit,interne,docteur_junior", "Ordinal statuses allowed to create an espace.");
    }

    private JourneySettingsProperties() {
    }

    private static void define(String key, String defaultValue, String help) {
        DEFAULTS.put(key, defaultValue);
        HELP.put(key, help);
    }

    public static List<ProviderConfigProperty> asConfigProperties() {
        return DEFAULTS.keySet().stream().map(key -> {
            ProviderConfigProperty property = new ProviderConfigProperty();
            property.setName(key);
            property.setLabel(key);
            property.setType(ProviderConfigProperty.STRING_TYPE);
            property.setDefaultValue(DEFAULTS.get(key));
            property.setHelpText(HELP.get(key));
            return property;
        }).toList();
    }
}

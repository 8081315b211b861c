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
    public static final String IDENTITY_MAX_CODE_SENDS = "identity_max_code_sends";
    public static final String ADDRESS_MAX_CODE_SENDS = "address_max_code_sends";
    public static final String CODE_SEND_WINDOW_SECONDS = "code_send_window_seconds";
    public static final String ACTIVE_STATUSES = "active_statuses";

    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        define(CODE_TTL_SECONDS, "600", "Validity of a one-time code, in seconds.");
        define(CODE_MAX_ATTEMPTS, "5", "Wrong entries that kill a code.");
        define(CODE_RESEND_COOLDOWN_SECONDS, "60", "Seconds before 'Renvoyer le code' may send again.");
        define(CODE_MAX_RESENDS, "3", "Resends allowed per flow after the first code.");
        define(IDENTITY_MAX_FAILURES, "5", "Failed identity checks for one RPPS before it is locked.");
        define(IDENTITY_FAILURE_WINDOW_SECONDS, "900", "Window in which identity failures are counted.");
        define(IDENTITY_LOCKOUT_SECONDS, "900", "How long identity checks for a locked RPPS are refused.");
        define(ADDRESS_MAX_FAILURES, "100", "Failed identity checks from one client address per window.");
        define(IDENTITY_MAX_CODE_SENDS, "10", "Codes sent for one RPPS per send window, across flows.");
        define(ADDRESS_MAX_CODE_SENDS, "200", "Codes sent from one client address per send window.");
        define(CODE_SEND_WINDOW_SECONDS, "3600", "Window of the code send limits, in seconds.");
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

package fr.ordre.monespace.reset;

import fr.ordre.monespace.limits.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Limits of the reset requests (SPEC 4.1), so the form cannot flood a mailbox: per typed e-mail
 * and per client address, within a window. Read from the reset authenticator's config.
 */
public record ResetSettings(int maxPerEmail, int maxPerClient, int windowSeconds) {

    static final String MAX_PER_EMAIL = "reset_max_requests_per_email";
    static final String MAX_PER_CLIENT = "reset_max_requests_per_client";
    static final String WINDOW_SECONDS = "reset_window_seconds";
    private static final ResetSettings DEFAULTS = new ResetSettings(3, 20, 3600);

    public Limit perEmail() {
        return new Limit("reset-email", Limit.Kind.RESET, maxPerEmail, windowSeconds);
    }

    /** Per client address, IPv6 by its /64. */
    Limit perClient() {
        return new Limit("reset-address", Limit.Kind.RESET, maxPerClient, windowSeconds);
    }

    /** The realm's: those of the reset authenticator in its reset-credentials flow, else the defaults. */
    public static ResetSettings of(RealmModel realm) {
        AuthenticationFlowModel flow = realm.getResetCredentialsFlow();
        AuthenticatorConfigModel config = flow == null ? null : realm.getAuthenticationExecutionsStream(flow.getId())
                .filter(e -> ResetAuthenticatorFactory.ID.equals(e.getAuthenticator()))
                .map(AuthenticationExecutionModel::getAuthenticatorConfig)
                .filter(Objects::nonNull)
                .map(realm::getAuthenticatorConfigById)
                .filter(Objects::nonNull)
                .findFirst().orElse(null);
        return from(config);
    }

    static ResetSettings from(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new ResetSettings(
                integer(config, MAX_PER_EMAIL, DEFAULTS.maxPerEmail()),
                integer(config, MAX_PER_CLIENT, DEFAULTS.maxPerClient()),
                integer(config, WINDOW_SECONDS, DEFAULTS.windowSeconds()));
    }

    private static int integer(Map<String, String> config, String key, int fallback) {
        try {
            String value = config.get(key);
            int parsed = value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
            // A typo or a 0 in the realm config must not open (or shut) the gates.
            return parsed >= 1 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        properties.add(property(MAX_PER_EMAIL, DEFAULTS.maxPerEmail(), "Reset links sent to one e-mail per window."));
        properties.add(property(MAX_PER_CLIENT, DEFAULTS.maxPerClient(), "Reset requests from one client address per window."));
        properties.add(property(WINDOW_SECONDS, DEFAULTS.windowSeconds(), "Window of the reset limits, in seconds."));
        return properties;
    }

    private static ProviderConfigProperty property(String name, int defaultValue, String help) {
        ProviderConfigProperty property = new ProviderConfigProperty();
        property.setName(name);
        property.setLabel(name);
        property.setType(ProviderConfigProperty.STRING_TYPE);
        property.setDefaultValue(Integer.toString(defaultValue));
        property.setHelpText(help);
        return property;
    }
}

package fr.ordre.monespace.config;

import fr.ordre.monespace.contract.Contract;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The config of one of MonEspace's providers, an authenticator (flows.yaml) or a required action
 * (required-actions.yaml), read one way: each {@link Setting} by its key, with the default and the
 * minimum realm/contract.yaml gives it. A value that is missing, not a number or below its
 * minimum is read as the default: a typo in the realm must not open the gates.
 */
public final class ProviderConfig {

    private static final ProviderConfig DEFAULTS = new ProviderConfig(Map.of());

    private final Map<String, String> values;

    private ProviderConfig(Map<String, String> values) {
        this.values = values;
    }

    public static ProviderConfig of(Map<String, String> values) {
        return values == null ? DEFAULTS : new ProviderConfig(Map.copyOf(values));
    }

    public static ProviderConfig of(AuthenticatorConfigModel model) {
        return of(model == null ? null : model.getConfig());
    }

    public static ProviderConfig of(RequiredActionConfigModel model) {
        return of(model == null ? null : model.getConfig());
    }

    /** Every setting at its default. */
    public static ProviderConfig defaults() {
        return DEFAULTS;
    }

    public int integer(Setting setting) {
        Contract.Setting definition = setting.definition();
        int fallback = Integer.parseInt(definition.defaultValue());
        try {
            int value = Integer.parseInt(text(setting));
            return definition.minimum() == null || value >= definition.minimum() ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public String text(Setting setting) {
        String value = values.get(setting.key());
        return value == null || value.isBlank() ? setting.definition().defaultValue() : value.strip();
    }

    /** A comma-separated setting, without blanks. */
    public Set<String> list(Setting setting) {
        return Arrays.stream(text(setting).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What the admin console shows of {@code providerId}'s config: its settings in realm/contract.yaml. */
    public static List<ProviderConfigProperty> properties(String providerId) {
        return Contract.shipped().settingsOf(providerId).stream().map(setting -> {
            ProviderConfigProperty property = new ProviderConfigProperty();
            property.setName(setting.name());
            property.setLabel(setting.name());
            property.setType(ProviderConfigProperty.STRING_TYPE);
            property.setDefaultValue(setting.defaultValue());
            property.setHelpText(setting.help());
            return property;
        }).toList();
    }
}

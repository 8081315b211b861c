package fr.ordre.monespace.contract;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * realm/contract.yaml, as the providers jar carries it: the names and values the extensions share
 * with Python, the realm files and the theme, written once. The providers read the settings'
 * defaults, minimums and help from it; the names Java spells as constants (doctor attributes,
 * events, metrics, provider ids) are compared with it by ContractTest.
 */
public final class Contract {

    /** Where Maven puts realm/contract.yaml in the jar. */
    public static final String RESOURCE = "/monespace/contract.yaml";

    /** A config key of MonEspace's providers (and the realm value of the same name). */
    public record Setting(String name, String group, String defaultValue, Integer minimum, String help) {
    }

    /** A counter of the metrics listener, by its Prometheus name. */
    public record Metric(String name, List<String> labels) {

        /** The Micrometer name the listener registers (Keycloak exports it as {@link #name()}). */
        public String meter() {
            return name.replaceFirst("_total$", "").replace('_', '.');
        }
    }

    private static final Contract SHIPPED = load();

    private final Map<String, Object> root;
    private final Map<String, Setting> settings = new LinkedHashMap<>();

    Contract(Map<String, Object> root) {
        this.root = root;
        section(root, "settings").forEach((group, entries) -> map(entries).forEach((name, entry) -> {
            Map<String, Object> setting = map(entry);
            Object value = Objects.requireNonNull(setting.get("default"), name + ": no default");
            String text = value instanceof List<?> list
                    ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                    : String.valueOf(value);
            settings.put(name, new Setting(name, group, text, (Integer) setting.get("minimum"),
                    (String) setting.get("help")));
        }));
    }

    /** The contract in this jar; a jar without it, or with a malformed one, does not load. */
    public static Contract shipped() {
        return SHIPPED;
    }

    static Contract parse(InputStream in) {
        return new Contract(map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in)));
    }

    static Contract parse(String text) {
        return new Contract(map(new Yaml(new SafeConstructor(new LoaderOptions())).load(text)));
    }

    private static Contract load() {
        try (InputStream in = Contract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the providers jar");
            }
            return parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    public Map<String, Setting> settings() {
        return settings;
    }

    public Setting setting(String name) {
        Setting setting = settings.get(name);
        if (setting == null) {
            throw new IllegalArgumentException(name + ": not a setting of realm/contract.yaml");
        }
        return setting;
    }

    /** The settings of a configurable provider (an authenticator or a required action), in order. */
    public List<Setting> settingsOf(String providerId) {
        Map<String, Object> providers = section(root, "providers");
        Object groups = section(providers, "authenticators").get(providerId);
        if (groups == null) {
            groups = section(providers, "required_actions").get(providerId);
        }
        if (groups == null) {
            throw new IllegalArgumentException(providerId + ": not a configurable provider of realm/contract.yaml");
        }
        List<String> wanted = strings(groups);
        return settings.values().stream().filter(s -> wanted.contains(s.group())).toList();
    }

    /** Doctor attribute → whether the Ordinal sync writes it. */
    public Map<String, Boolean> doctorAttributes() {
        Map<String, Boolean> attributes = new LinkedHashMap<>();
        section(section(root, "doctor"), "attributes")
                .forEach((name, entry) -> attributes.put(name, Boolean.TRUE.equals(map(entry).get("synced"))));
        return attributes;
    }

    public List<String> syncedProfileFields() {
        return strings(section(root, "doctor").get("synced_profile_fields"));
    }

    public List<String> activeStatuses() {
        return strings(section(root, "ordinal_statuses").get("active"));
    }

    /** {@code authenticators}, {@code required_actions}: provider id → its setting groups. */
    public Map<String, List<String>> providers(String kind) {
        Map<String, List<String>> providers = new LinkedHashMap<>();
        section(section(root, "providers"), kind).forEach((id, groups) -> providers.put(id, strings(groups)));
        return providers;
    }

    /** {@code event_listeners}, {@code action_tokens}. */
    public List<String> providerIds(String kind) {
        return strings(section(root, "providers").get(kind));
    }

    /** The SMS sender's {@code spi}, {@code provider}, and its {@code options} (comma-joined). */
    public Map<String, String> smsSender() {
        Map<String, String> sender = new LinkedHashMap<>();
        section(section(root, "providers"), "sms_sender").forEach((key, value) -> sender.put(key,
                value instanceof List<?> list ? String.join(",", strings(list)) : String.valueOf(value)));
        return sender;
    }

    /** Realm attribute → the realm value that sets it. */
    public Map<String, String> realmAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        section(root, "realm_attributes").forEach((name, value) -> attributes.put(name, String.valueOf(value)));
        return attributes;
    }

    /** Role (journey, step…) → the event detail key. */
    public Map<String, String> eventDetails() {
        Map<String, String> details = new LinkedHashMap<>();
        section(section(root, "events"), "details").forEach((role, key) -> details.put(role, String.valueOf(key)));
        return details;
    }

    /** {@code journeys}, {@code channels}, {@code steps}, {@code errors}, {@code throttled_kinds}. */
    public List<String> eventValues(String kind) {
        return strings(section(root, "events").get(kind));
    }

    public Map<String, Metric> metrics() {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        section(root, "metrics").forEach((name, entry) ->
                metrics.put(name, new Metric(name, strings(map(entry).get("labels")))));
        return metrics;
    }

    /** Name → value of the support of the conseils ({@code support}); a list joined by commas. */
    public Map<String, String> support() {
        Map<String, String> names = new LinkedHashMap<>();
        section(root, "support").forEach((name, value) -> names.put(name,
                value instanceof List<?> list ? String.join(",", strings(list)) : String.valueOf(value)));
        return names;
    }

    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        return map(Objects.requireNonNull(parent.get(key), "realm/contract.yaml: no " + key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }
}

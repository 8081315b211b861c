package fr.ordre.monespace.contract;

import static fr.ordre.monespace.contract.ContractCheck.constants;
import static fr.ordre.monespace.contract.ContractCheck.differences;
import static fr.ordre.monespace.contract.ContractCheck.providers;
import static fr.ordre.monespace.contract.ContractCheck.staticField;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.ordre.monespace.config.Setting;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.limits.Limit;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;

/**
 * realm/contract.yaml is the one home of the names the extensions share with Python, the realm
 * files and the theme (the Python side: tests/unit/project/test_contract.py): every name the Java
 * code spells is compared with it, and the check is shown to catch a planted difference.
 */
class ContractTest {

    private static final Contract CONTRACT = Contract.shipped();

    @Test
    void theDoctorAttributesAreTheContracts() {
        assertEquals(List.of(), differences("DoctorAttributes", CONTRACT.doctorAttributes().keySet(),
                constants(DoctorAttributes.class).values()));
    }

    @Test
    void theSyncEndpointTakesExactlyTheSyncedNames() {
        List<String> synced = new ArrayList<>(CONTRACT.syncedProfileFields());
        CONTRACT.doctorAttributes().forEach((name, isSynced) -> {
            if (isSynced) {
                synced.add(name);
            }
        });
        Set<?> names = (Set<?>) staticField("fr.ordre.monespace.sync.SyncedAttributes", "NAMES");
        assertEquals(List.of(), differences("SyncedAttributes.NAMES", synced,
                names.stream().map(String::valueOf).toList()));
    }

    @Test
    void theSettingsAreTheContracts() {
        assertEquals(List.copyOf(CONTRACT.settings().keySet()),
                Arrays.stream(Setting.values()).map(Setting::key).toList(), "Setting lists the contract's, in order");
    }

    @Test
    void eachConfigurableProviderDeclaresExactlyItsSettings() {
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (Object factory : providers("org.keycloak.authentication.AuthenticatorFactory")) {
            AuthenticatorFactory authenticator = (AuthenticatorFactory) factory;
            declared.put(authenticator.getId(), names(authenticator.getConfigProperties()));
        }
        assertEquals(List.of(), differences("authenticator factories", CONTRACT.providers("authenticators").keySet(),
                declared.keySet()));
        for (Object factory : providers("org.keycloak.authentication.RequiredActionFactory")) {
            RequiredActionFactory action = (RequiredActionFactory) factory;
            declared.put(action.getId(), names(action.getConfigMetadata()));
        }
        assertEquals(List.of(), differences("required action factories",
                CONTRACT.providers("required_actions").keySet(),
                declared.keySet().stream().filter(id -> !CONTRACT.providers("authenticators").containsKey(id)).toList()));
        CONTRACT.providers("authenticators").keySet().forEach(id -> assertSettings(id, declared.get(id)));
        CONTRACT.providers("required_actions").keySet().forEach(id -> assertSettings(id, declared.get(id)));
    }

    private static void assertSettings(String provider, List<String> declared) {
        List<String> wanted = CONTRACT.settingsOf(provider).stream().map(Contract.Setting::name).toList();
        assertEquals(List.of(), differences(provider + "'s config properties", wanted, declared));
    }

    @Test
    void theSupportNamesAreTheContracts() throws ReflectiveOperationException {
        Map<String, String> support = CONTRACT.support();
        String prefix = support.get("doctors_group_prefix");
        assertEquals(prefix, staticField("fr.ordre.monespace.sync.CouncilGroups", "PREFIX"));
        assertEquals(prefix + support.get("unknown_council"),
                staticField("fr.ordre.monespace.sync.CouncilGroups", "UNKNOWN"));
        assertEquals(support.get("unknown_council"), staticField("fr.ordre.monespace.support.SupportAudit", "NO_COUNCIL"));
        assertEquals(support.get("agent_role"), staticField("fr.ordre.monespace.agent.Agents", "ROLE"));
        assertEquals(support.get("agent_setup_action"), staticField("fr.ordre.monespace.agent.AgentSetupFactory", "ID"));
        assertEquals(support.get("endpoint"), staticField("fr.ordre.monespace.support.SupportAudit", "PATH"));
        assertEquals(support.get("endpoint"),
                staticField("fr.ordre.monespace.support.SupportResourceProviderFactory", "ID"));
        assertEquals(support.get("limits").split(",")[0],
                staticField("fr.ordre.monespace.support.DoctorQuotas", "LOGIN_LOCKOUT"));
        Class<?> actions = Class.forName("fr.ordre.monespace.support.SupportAction");
        Method path = actions.getDeclaredMethod("path");
        path.setAccessible(true);
        List<String> paths = new ArrayList<>();
        for (Object action : actions.getEnumConstants()) {
            paths.add((String) path.invoke(action));
        }
        assertEquals(List.of(support.get("actions").split(",")), paths);
    }

    @Test
    void theOtherProviderIdsAreTheContracts() {
        assertEquals(List.of(), differences("event listener factories", CONTRACT.providerIds("event_listeners"),
                ids(providers("org.keycloak.events.EventListenerProviderFactory"))));
        assertEquals(List.of(), differences("action token handlers", CONTRACT.providerIds("action_tokens"),
                ids(providers("org.keycloak.authentication.actiontoken.ActionTokenHandlerFactory"))));
        Map<String, String> sms = CONTRACT.smsSender();
        assertEquals(sms.get("spi"), staticField("fr.ordre.monespace.sms.SmsSenderSpi", "NAME"));
        List<Object> senders = providers("fr.ordre.monespace.sms.SmsSenderFactory");
        assertEquals(List.of(sms.get("provider")), ids(senders));
        assertEquals(List.of(), differences("the SMS sender's options", List.of(sms.get("options").split(",")),
                names(((ProviderFactory<?>) senders.get(0)).getConfigMetadata())));
    }

    @Test
    void theEventNamesAreTheContracts() {
        assertEquals(CONTRACT.eventDetails(), constants(EventDetails.class));
        assertEquals(List.of(), differences("EventStep", CONTRACT.eventValues("steps"),
                Arrays.stream(EventStep.values()).map(EventStep::label).toList()));
        assertEquals(List.of(), differences("EventError", CONTRACT.eventValues("errors"),
                Arrays.stream(EventError.values()).map(EventError::label).toList()));
        assertEquals(List.of(), differences("Limit.Kind", CONTRACT.eventValues("throttled_kinds"),
                Arrays.stream(Limit.Kind.values()).map(Limit.Kind::label).toList()));
        assertEquals(List.of(), differences("Channel", CONTRACT.eventValues("channels"),
                Arrays.stream(Channel.values()).map(Channel::id).toList()));
        assertEquals(List.of(), differences("the journeys' names", CONTRACT.eventValues("journeys"), List.of(
                (String) staticField("fr.ordre.monespace.creation.CreationRules", "NAME"),
                (String) staticField("fr.ordre.monespace.recovery.RecoveryRules", "NAME"))));
    }

    @Test
    void theMetricsAreTheContracts() throws ReflectiveOperationException {
        Map<String, List<String>> registered = new LinkedHashMap<>();
        for (Object counter : (List<?>) staticField("fr.ordre.monespace.metrics.JourneyMetrics", "ALL")) {
            Method name = counter.getClass().getDeclaredMethod("name");
            Method labels = counter.getClass().getDeclaredMethod("labels");
            name.setAccessible(true);
            labels.setAccessible(true);
            registered.put((String) name.invoke(counter), List.of((String[]) labels.invoke(counter)));
        }
        Map<String, List<String>> wanted = CONTRACT.metrics().values().stream()
                .collect(Collectors.toMap(Contract.Metric::meter, Contract.Metric::labels, (a, b) -> a, LinkedHashMap::new));
        assertEquals(wanted, registered);
    }

    @Test
    void theRealmAttributesReadAreTheContracts() {
        assertEquals(List.of(), differences("RealmAttributes", CONTRACT.realmAttributes().keySet(),
                constants(RealmAttributes.class).values()).stream().filter(line -> !line.contains(" lacks ")).toList(),
                "every attribute the extensions read is one realm.yaml sets");
    }

    @Test
    void theCheckCatchesAPlantedDifference() throws IOException {
        // On the Java side: a constant misspelt.
        assertEquals(List.of(
                "Planted: lacks 'birthDate' (named in realm/contract.yaml)",
                "Planted: names 'birthdate', which realm/contract.yaml does not"),
                differences("Planted", CONTRACT.doctorAttributes().keySet(), constants(Planted.class).values()));
        // On the contract's side: an attribute renamed there only.
        Contract renamed = Contract.parse(shippedText().replace("    birthDate: {", "    dateOfBirth: {"));
        assertEquals(List.of(
                "DoctorAttributes: lacks 'dateOfBirth' (named in realm/contract.yaml)",
                "DoctorAttributes: names 'birthDate', which realm/contract.yaml does not"),
                differences("DoctorAttributes", renamed.doctorAttributes().keySet(),
                        constants(DoctorAttributes.class).values()));
    }

    /** DoctorAttributes with one name misspelt. */
    @SuppressWarnings("unused")
    private static final class Planted {
        static final String RPPS = "rpps";
        static final String BIRTH_DATE = "birthdate";
        static final String MOBILE_PHONE = "mobilePhone";
        static final String CORRESPONDENCE_EMAIL = "correspondenceEmail";
        static final String ORDINAL_STATUS = "ordinalStatus";
        static final String LANDLINE_PHONE = "landlinePhone";
        static final String CIVILITY = "civility";
        static final String COUNCIL = "council";
        static final String BIRTH_LAST_NAME = "birthLastName";
        static final String GIVEN_NAMES = "givenNames";
        static final String ORDINAL_HASH = "ordinalHash";
        static final String LOGIN_EMAIL_STAMP = "loginEmailStamp";
        static final String LEGACY_ACCOUNT = "legacyAccount";
    }

    private static String shippedText() throws IOException {
        try (InputStream in = Contract.class.getResourceAsStream(Contract.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> names(List<ProviderConfigProperty> properties) {
        return properties == null ? List.of() : properties.stream().map(ProviderConfigProperty::getName).toList();
    }

    private static List<String> ids(List<Object> factories) {
        return factories.stream().map(f -> ((ProviderFactory<?>) f).getId()).toList();
    }
}

package fr.ordre.monespace.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.ordre.monespace.limits.Limit;
import fr.ordre.monespace.limits.Limits;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/** Every provider reads its config one way: the realm's value, else realm/contract.yaml's default. */
class ProviderConfigTest {

    @Test
    void aMissingOrBlankSettingIsItsDefault() {
        ProviderConfig config = ProviderConfig.of(Map.of("code_ttl_seconds", " "));
        assertEquals(600, config.integer(Setting.CODE_TTL_SECONDS));
        assertEquals(Set.of("inscrit", "interne", "docteur_junior"), config.list(Setting.ACTIVE_STATUSES));
        assertEquals(600, ProviderConfig.of((Map<String, String>) null).integer(Setting.CODE_TTL_SECONDS));
    }

    @Test
    void aTypoOrAValueBelowItsMinimumNeverOpensTheGates() {
        ProviderConfig config = ProviderConfig.of(Map.of("identity_max_failures", "0", "code_max_attempts", "cinq",
                "code_resend_cooldown_seconds", "0", "reset_window_seconds", "-5"));
        assertEquals(5, config.integer(Setting.IDENTITY_MAX_FAILURES));
        assertEquals(5, config.integer(Setting.CODE_MAX_ATTEMPTS));
        assertEquals(0, config.integer(Setting.CODE_RESEND_COOLDOWN_SECONDS), "0 is allowed: no cooldown");
        assertEquals(3600, config.integer(Setting.RESET_WINDOW_SECONDS));
    }

    @Test
    void theRealmsValuesMakeTheLimits() {
        Limits limits = new Limits(ProviderConfig.of(Map.of("identity_max_failures", "3", "identity_lockout_seconds", "3",
                "reset_max_requests_per_email", "2", "code_resend_cooldown_seconds", "0", "active_statuses", "inscrit, ")));
        assertEquals(new Limit("identity-rpps", Limit.Kind.IDENTITY, 3, 900, 3), limits.identityPerRpps());
        assertEquals(3, limits.identityPerRpps().longestWaitSeconds(), "a locking limit holds for its lock");
        assertEquals(new Limit("reset-email", Limit.Kind.RESET, 2, 3600), limits.resetsPerEmail());
        assertEquals(3600, limits.resetsPerEmail().longestWaitSeconds(), "a sliding one for its window at most");
        assertEquals(null, limits.codeCooldown(), "no cooldown limit at 0");
        assertEquals(4, limits.codeSendsPerDoctor().max(), "the first code and 3 resends");
    }

    @Test
    void theAdminConsoleShowsEachProvidersSettingsWithTheirDefaultAndHelp() {
        var properties = ProviderConfig.properties("monespace-settings");
        assertEquals(4, properties.size());
        ProviderConfigProperty first = properties.get(0);
        assertEquals("email_taken_max_answers", first.getName());
        assertEquals("5", first.getDefaultValue());
        assertEquals(ProviderConfigProperty.STRING_TYPE, first.getType());
        assertEquals("inscrit,interne,docteur_junior", ProviderConfig.properties("monespace-creation").stream()
                .filter(p -> p.getName().equals("active_statuses")).findFirst().orElseThrow().getDefaultValue());
    }
}

package fr.ordre.monespace.support;

import fr.ordre.monespace.config.ProviderConfig;
import fr.ordre.monespace.config.Setting;
import fr.ordre.monespace.reset.ResetAuthenticatorFactory;
import fr.ordre.monespace.settings.SettingsActionFactory;
import java.util.Objects;
import java.util.Set;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * The configs the flows read a doctor's limits from, read outside a flow (realm/ gives every
 * provider the same values): the reset authenticator's in the realm's reset-credentials flow holds
 * all of them but Paramètres' current password, which the settings action's holds.
 */
final class RealmConfig {

    private RealmConfig() {
    }

    static ProviderConfig reset(RealmModel realm) {
        AuthenticationFlowModel flow = realm.getResetCredentialsFlow();
        AuthenticatorConfigModel config = flow == null ? null : realm.getAuthenticationExecutionsStream(flow.getId())
                .filter(e -> ResetAuthenticatorFactory.ID.equals(e.getAuthenticator()))
                .map(AuthenticationExecutionModel::getAuthenticatorConfig)
                .filter(Objects::nonNull)
                .map(realm::getAuthenticatorConfigById)
                .filter(Objects::nonNull)
                .findFirst().orElse(null);
        return ProviderConfig.of(config);
    }

    static ProviderConfig settings(RealmModel realm) {
        // As Keycloak finds a required action's config: by the action's provider id.
        return ProviderConfig.of(realm.getRequiredActionConfigByAlias(SettingsActionFactory.ID));
    }

    /** The Ordinal statuses that may hold an espace. */
    static Set<String> activeStatuses(RealmModel realm) {
        return reset(realm).list(Setting.ACTIVE_STATUSES);
    }
}

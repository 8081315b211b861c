package fr.ordre.monespace.settings;

import fr.ordre.monespace.config.ProviderConfig;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Factory of "Paramètres", required action {@code monespace-settings} (registered by realm/), whose
 * config carries its limits (realm/contract.yaml).
 */
public final class SettingsActionFactory implements RequiredActionFactory {

    public static final String ID = "monespace-settings";
    private static final SettingsAction SINGLETON = new SettingsAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Paramètres (MonEspace)";
    }

    /** Its limits, as the creation and reset authenticators declare theirs. */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfig.properties(ID);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}

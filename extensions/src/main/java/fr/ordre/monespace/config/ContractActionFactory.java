package fr.ordre.monespace.config;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What MonEspace's required-action factories share: one stateless action for every session, no
 * server-wide options, and exactly the settings realm/contract.yaml gives the action's id, as the
 * authenticators declare theirs: not the max_auth_age setting RequiredActionFactory offers by
 * default, which no MonEspace action reads.
 */
public abstract class ContractActionFactory implements RequiredActionFactory {

    private final String id;
    private final RequiredActionProvider action;
    private final String displayText;

    protected ContractActionFactory(String id, RequiredActionProvider action, String displayText) {
        this.id = id;
        this.action = action;
        this.displayText = displayText;
    }

    @Override
    public final RequiredActionProvider create(KeycloakSession session) {
        return action;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getDisplayText() {
        return displayText;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfig.properties(id);
    }

    @Override
    public final void init(Config.Scope config) {
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public final void close() {
    }
}

package fr.ordre.monespace.agent;

import fr.ordre.monespace.config.ProviderConfig;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of the agents' account set-up, required action {@value #ID} (registered by realm/). */
public final class AgentSetupFactory implements RequiredActionFactory {

    public static final String ID = "monespace-agent-setup";
    private static final AgentSetup SINGLETON = new AgentSetup();

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
        return "Mise en service du compte agent (MonEspace)";
    }

    /** No setting (realm/contract.yaml): not even Keycloak's default max_auth_age. */
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

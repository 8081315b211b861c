package fr.ordre.monespace.creation;

import fr.ordre.monespace.flow.RequiredAuthenticatorFactory;
import fr.ordre.monespace.config.ProviderConfig;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of the "Créer votre espace" journey; its limits come from its config (realm/contract.yaml). */
public final class CreationAuthenticatorFactory implements RequiredAuthenticatorFactory {

    public static final String ID = "monespace-creation";
    private static final CreationAuthenticator SINGLETON = new CreationAuthenticator();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "MonEspace: Créer votre espace";
    }

    @Override
    public String getReferenceCategory() {
        return "monespace-creation";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public String getHelpText() {
        return "Account creation for doctors synced from Ordinal: identity match, one-time code, login e-mail and password.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfig.properties(ID);
    }
}

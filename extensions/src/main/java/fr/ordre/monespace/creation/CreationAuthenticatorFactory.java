package fr.ordre.monespace.creation;

import fr.ordre.monespace.journey.JourneySettingsProperties;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of the "Créer votre espace" journey; its limits come from the authenticator config. */
public final class CreationAuthenticatorFactory implements AuthenticatorFactory {

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
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Account creation for doctors synced from Ordinal: identity match, one-time code, login e-mail and password.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return JourneySettingsProperties.asConfigProperties();
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

package fr.ordre.monespace.reset;

import fr.ordre.monespace.journey.JourneySettingsProperties;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of the reset-credentials authenticator (password reset and espace recovery). */
public final class ResetAuthenticatorFactory implements AuthenticatorFactory {

    public static final String ID = "monespace-reset";
    private static final ResetAuthenticator SINGLETON = new ResetAuthenticator();

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
        return "MonEspace: Réinitialiser / Récupérer votre espace";
    }

    @Override
    public String getReferenceCategory() {
        return "monespace-reset";
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
        return "Password reset by single-use e-mail link, and recovery of an espace whose login e-mail is forgotten.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(JourneySettingsProperties.asConfigProperties());
        properties.addAll(ResetSettings.configProperties());
        return properties;
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

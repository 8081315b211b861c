package fr.ordre.monespace.reset;

import fr.ordre.monespace.flow.RequiredAuthenticatorFactory;
import fr.ordre.monespace.config.ProviderConfig;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of the reset-credentials authenticator (password reset and espace recovery). */
public final class ResetAuthenticatorFactory implements RequiredAuthenticatorFactory {

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
    public String getHelpText() {
        return "Password reset by single-use e-mail link, and recovery of an espace whose login e-mail is forgotten.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfig.properties(ID);
    }
}

package fr.ordre.monespace.agent;

import fr.ordre.monespace.flow.RequiredAuthenticatorFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of the agents' username and password form; "password" makes Keycloak count failures. */
public final class AgentPasswordFormFactory implements RequiredAuthenticatorFactory {

    public static final String ID = "monespace-agent-password-form";
    private static final AgentPasswordForm SINGLETON = new AgentPasswordForm();

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
        return "MonEspace: support agent username and password";
    }

    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Support agents only: anyone else is refused like a wrong password, without a password check.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}

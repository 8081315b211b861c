package fr.ordre.monespace.agent;

import fr.ordre.monespace.flow.RequiredAuthenticatorFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of the agents' TOTP step; "otp" makes Keycloak count wrong codes. */
public final class AgentOtpFormFactory implements RequiredAuthenticatorFactory {

    public static final String ID = "monespace-agent-otp-form";
    private static final AgentOtpForm SINGLETON = new AgentOtpForm();

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
        return "MonEspace: support agent TOTP code";
    }

    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "A code of the agent's TOTP app; an agent without one passes only to enrol it (monespace-agent-setup).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}

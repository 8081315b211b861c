package fr.ordre.monespace.agent;

import fr.ordre.monespace.flow.ContractAuthenticatorFactory;
import org.keycloak.models.credential.PasswordCredentialModel;

/** Factory of the agents' username and password form; "password" makes Keycloak count failures. */
public final class AgentPasswordFormFactory extends ContractAuthenticatorFactory {

    public static final String ID = "monespace-agent-password-form";

    public AgentPasswordFormFactory() {
        super(ID, new AgentPasswordForm(), "MonEspace: support agent username and password", PasswordCredentialModel.TYPE,
                "Support agents only: anyone else is refused like a wrong password, without a password check.");
    }
}

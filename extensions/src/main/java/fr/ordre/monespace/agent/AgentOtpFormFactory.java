package fr.ordre.monespace.agent;

import fr.ordre.monespace.flow.ContractAuthenticatorFactory;
import org.keycloak.models.credential.OTPCredentialModel;

/** Factory of the agents' TOTP step; "otp" makes Keycloak count wrong codes. */
public final class AgentOtpFormFactory extends ContractAuthenticatorFactory {

    public static final String ID = "monespace-agent-otp-form";

    public AgentOtpFormFactory() {
        super(ID, new AgentOtpForm(), "MonEspace: support agent TOTP code", OTPCredentialModel.TYPE,
                "A code of the agent's TOTP app; an agent without one passes only to enrol it (monespace-agent-setup).");
    }
}

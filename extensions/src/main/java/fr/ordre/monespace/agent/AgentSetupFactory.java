package fr.ordre.monespace.agent;

import fr.ordre.monespace.config.ContractActionFactory;

/** Factory of the agents' account set-up, required action {@value #ID} (registered by realm/). */
public final class AgentSetupFactory extends ContractActionFactory {

    public static final String ID = "monespace-agent-setup";

    public AgentSetupFactory() {
        super(ID, new AgentSetup(), "Mise en service du compte agent (MonEspace)");
    }
}

package fr.ordre.monespace.support;

import fr.ordre.monespace.access.RealmEndpointFactory;

/** The support endpoint of the conseils' agents, {@code /realms/{realm}/monespace-support}. */
public final class SupportResourceProviderFactory extends RealmEndpointFactory {

    public static final String ID = "monespace-support";

    public SupportResourceProviderFactory() {
        super(ID, SupportResourceProvider::new);
    }
}

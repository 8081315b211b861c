package fr.ordre.monespace.sync;

import fr.ordre.monespace.access.RealmEndpointFactory;

/** Registers the Ordinal sync's bulk endpoint; its id is the path segment after the realm. */
public final class DoctorSyncResourceProviderFactory extends RealmEndpointFactory {

    public static final String ID = "monespace-sync";

    public DoctorSyncResourceProviderFactory() {
        super(ID, DoctorSyncResourceProvider::new);
    }
}

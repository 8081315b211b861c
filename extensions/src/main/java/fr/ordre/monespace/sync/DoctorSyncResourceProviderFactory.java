package fr.ordre.monespace.sync;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers the Ordinal sync's bulk endpoint; its id is the path segment after the realm. */
public final class DoctorSyncResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "monespace-sync";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new DoctorSyncResourceProvider(session);
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

    @Override
    public String getId() {
        return ID;
    }
}

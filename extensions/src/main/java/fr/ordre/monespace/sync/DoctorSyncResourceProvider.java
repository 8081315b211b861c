package fr.ordre.monespace.sync;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands out {@link DoctorSyncResource} under {@code /realms/{realm}/monespace-sync}. */
public final class DoctorSyncResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    DoctorSyncResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new DoctorSyncResource(session);
    }

    @Override
    public void close() {
    }
}

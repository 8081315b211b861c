package fr.ordre.monespace.support;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Serves {@link SupportResource} under {@code /realms/{realm}/monespace-support}. */
final class SupportResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    SupportResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new SupportResource(session);
    }

    @Override
    public void close() {
    }
}

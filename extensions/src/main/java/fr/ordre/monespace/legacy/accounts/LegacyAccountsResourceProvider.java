package fr.ordre.monespace.legacy.accounts;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands out {@link LegacyAccountsResource} under {@code /realms/{realm}/monespace-legacy}. */
public final class LegacyAccountsResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    LegacyAccountsResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new LegacyAccountsResource(session);
    }

    @Override
    public void close() {
    }
}

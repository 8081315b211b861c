package fr.ordre.monespace.legacy.accounts;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers the legacy import's endpoint; its id is the path segment after the realm. */
public final class LegacyAccountsResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "monespace-legacy";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new LegacyAccountsResourceProvider(session);
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

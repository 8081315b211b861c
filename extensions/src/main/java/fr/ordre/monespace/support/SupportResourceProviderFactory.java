package fr.ordre.monespace.support;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** The support endpoint of the conseils' agents, {@code /realms/{realm}/monespace-support}. */
public final class SupportResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "monespace-support";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new SupportResourceProvider(session);
    }

    @Override
    public String getId() {
        return ID;
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
}

package fr.ordre.monespace.access;

import java.util.function.Function;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers one of MonEspace's realm endpoints; its id is the path segment after the realm. */
public abstract class RealmEndpointFactory implements RealmResourceProviderFactory {

    private final String id;
    private final Function<KeycloakSession, RealmResourceProvider> provider;

    protected RealmEndpointFactory(String id, Function<KeycloakSession, RealmResourceProvider> provider) {
        this.id = id;
        this.provider = provider;
    }

    @Override
    public final RealmResourceProvider create(KeycloakSession session) {
        return provider.apply(session);
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final void init(Config.Scope config) {
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public final void close() {
    }
}

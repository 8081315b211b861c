package fr.ordre.monespace.config;

import java.util.function.Function;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * What every MonEspace provider factory shares: an id, a provider made from the session (or one
 * shared stateless instance), and no server-wide options nor lifecycle of its own.
 */
public abstract class StatelessProviderFactory<P extends Provider> implements ProviderFactory<P> {

    private final String id;
    private final Function<KeycloakSession, P> provider;

    protected StatelessProviderFactory(String id, Function<KeycloakSession, P> provider) {
        this.id = id;
        this.provider = provider;
    }

    @Override
    public final P create(KeycloakSession session) {
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

package fr.ordre.monespace.access;

import fr.ordre.monespace.config.StatelessProviderFactory;
import java.util.function.Function;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers one of MonEspace's realm endpoints; its id is the path segment after the realm. */
public abstract class RealmEndpointFactory extends StatelessProviderFactory<RealmResourceProvider>
        implements RealmResourceProviderFactory {

    protected RealmEndpointFactory(String id, Function<KeycloakSession, RealmResourceProvider> provider) {
        super(id, provider);
    }
}

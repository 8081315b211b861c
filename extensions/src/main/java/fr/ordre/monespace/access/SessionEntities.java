package fr.ordre.monespace.access;

import jakarta.persistence.EntityManager;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * The JPA EntityManager of a Keycloak session, i.e. of its current transaction.
 *
 * <p>Keycloak hands it out through {@code JpaConnectionProvider}, which lives in
 * keycloak-model-jpa; that artifact cannot be a compile dependency here (its parent POM,
 * keycloak-model-pom, is not on Maven Central), so the provider type is looked up by name, once.
 */
public final class SessionEntities {

    private static final String PROVIDER_TYPE = "org.keycloak.connections.jpa.JpaConnectionProvider";

    private static final Class<? extends Provider> TYPE;
    private static final MethodHandle GET_ENTITY_MANAGER;

    static {
        try {
            TYPE = Class.forName(PROVIDER_TYPE, false, KeycloakSession.class.getClassLoader()).asSubclass(Provider.class);
            GET_ENTITY_MANAGER = MethodHandles.publicLookup()
                    .findVirtual(TYPE, "getEntityManager", MethodType.methodType(EntityManager.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SessionEntities() {
    }

    public static EntityManager of(KeycloakSession session) {
        Provider provider = session.getProvider(TYPE);
        try {
            return (EntityManager) GET_ENTITY_MANAGER.invoke(provider);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot get the session's EntityManager", e);
        }
    }
}

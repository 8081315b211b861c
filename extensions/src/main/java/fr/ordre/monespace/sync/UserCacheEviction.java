package fr.ordre.monespace.sync;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * Evicts a user the sync changed beneath Keycloak's user cache (see DoctorWriter): on commit the
 * cached copy is dropped on this node and an invalidation goes to the others.
 *
 * <p>{@code UserCache} lives in keycloak-model-storage, which cannot be a compile dependency here
 * (its parent POM is not on Maven Central, as for SessionEntities), so it is looked up by name, once.
 * Without a user cache (disabled by configuration) there is nothing to evict.
 */
final class UserCacheEviction {

    private static final String CACHE_TYPE = "org.keycloak.models.cache.UserCache";

    private static final Class<? extends Provider> TYPE;
    private static final MethodHandle EVICT;

    static {
        try {
            TYPE = Class.forName(CACHE_TYPE, false, KeycloakSession.class.getClassLoader()).asSubclass(Provider.class);
            EVICT = MethodHandles.publicLookup()
                    .findVirtual(TYPE, "evict", MethodType.methodType(void.class, RealmModel.class, UserModel.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Provider cache;

    UserCacheEviction(KeycloakSession session) {
        this.cache = session.getProvider(TYPE);
    }

    void evict(RealmModel realm, UserModel user) {
        if (cache == null) {
            return;
        }
        try {
            EVICT.invoke(cache, realm, user);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot evict the user from the cache", e);
        }
    }
}

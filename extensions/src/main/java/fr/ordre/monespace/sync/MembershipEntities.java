package fr.ordre.monespace.sync;

import jakarta.persistence.EntityManager;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.MembershipType;

/**
 * A new user's role mapping and group membership, persisted as Keycloak's JPA entities, exactly as
 * its UserAdapter#grantRoleImpl and #joinGroupImpl persist them, without the query their public
 * callers (grantRole, joinGroup) make first to see whether the user already holds them: a user
 * created in this transaction holds nothing. The entities are reached by name, like the
 * EntityManager (see SessionEntities: keycloak-model-jpa cannot be a compile dependency).
 *
 * <p>Persisted in the batch's persistence context, they are written with the users, in the same
 * JDBC batches: no statement of their own, and no plan that depends on the database's statistics.
 */
final class MembershipEntities {

    private static final String ENTITIES = "org.keycloak.models.jpa.entities.";

    private static final Class<?> USER;
    private static final MethodHandle NEW_ROLE_MAPPING;
    private static final MethodHandle ROLE_MAPPING_USER;
    private static final MethodHandle ROLE_MAPPING_ROLE;
    private static final MethodHandle NEW_GROUP_MEMBERSHIP;
    private static final MethodHandle GROUP_MEMBERSHIP_USER;
    private static final MethodHandle GROUP_MEMBERSHIP_GROUP;
    private static final MethodHandle GROUP_MEMBERSHIP_TYPE;

    static {
        try {
            USER = entity("UserEntity");
            Class<?> roleMapping = entity("UserRoleMappingEntity");
            Class<?> groupMembership = entity("UserGroupMembershipEntity");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            NEW_ROLE_MAPPING = lookup.findConstructor(roleMapping, MethodType.methodType(void.class));
            ROLE_MAPPING_USER = setter(lookup, roleMapping, "setUser", USER);
            ROLE_MAPPING_ROLE = setter(lookup, roleMapping, "setRoleId", String.class);
            NEW_GROUP_MEMBERSHIP = lookup.findConstructor(groupMembership, MethodType.methodType(void.class));
            GROUP_MEMBERSHIP_USER = setter(lookup, groupMembership, "setUser", USER);
            GROUP_MEMBERSHIP_GROUP = setter(lookup, groupMembership, "setGroupId", String.class);
            GROUP_MEMBERSHIP_TYPE = setter(lookup, groupMembership, "setMembershipType", MembershipType.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EntityManager entities;

    /** {@code entities}: the EntityManager the users were created in (the batch's). */
    MembershipEntities(EntityManager entities) {
        this.entities = entities;
    }

    void grantRole(String userId, String roleId) {
        try {
            Object mapping = NEW_ROLE_MAPPING.invoke();
            ROLE_MAPPING_USER.invoke(mapping, user(userId));
            ROLE_MAPPING_ROLE.invoke(mapping, roleId);
            entities.persist(mapping);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot grant role " + roleId, e);
        }
    }

    /** As a membership made through the admin API or the account: not managed by a provider. */
    void joinGroup(String userId, String groupId) {
        try {
            Object membership = NEW_GROUP_MEMBERSHIP.invoke();
            GROUP_MEMBERSHIP_USER.invoke(membership, user(userId));
            GROUP_MEMBERSHIP_GROUP.invoke(membership, groupId);
            GROUP_MEMBERSHIP_TYPE.invoke(membership, MembershipType.UNMANAGED);
            entities.persist(membership);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot join group " + groupId, e);
        }
    }

    /** The user's managed entity: persisted in this context by addUser, so no query. */
    private Object user(String userId) {
        return entities.getReference(USER, userId);
    }

    private static Class<?> entity(String name) throws ClassNotFoundException {
        return Class.forName(ENTITIES + name, false, KeycloakSession.class.getClassLoader());
    }

    private static MethodHandle setter(MethodHandles.Lookup lookup, Class<?> type, String name, Class<?> value)
            throws ReflectiveOperationException {
        return lookup.findVirtual(type, name, MethodType.methodType(void.class, value));
    }
}

package fr.ordre.monespace.sync;

import fr.ordre.monespace.access.SessionEntities;
import fr.ordre.monespace.contract.DoctorAttributes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

/**
 * Reads what the sync needs to know of every doctor: RPPS, digest, enabled flag and status, straight
 * from the database (loading 300,000 user models and their attribute collections one by one would
 * take minutes). Two ways: {@link #all()}, the realm's users and their three attributes each read
 * through a database cursor and matched in memory (seconds for 300,000 doctors, whatever the
 * database's statistics); and {@link #page}, a range scan of the (realm, username) index joined
 * to each user's attribute rows, cheap for a few rows but a hundred times slower per row. For an
 * upsert, it also loads the batch's existing users with their attributes, in one query instead of
 * two per doctor, and their groups in one more instead of one per doctor.
 *
 * <p>A doctor is a user holding an {@code rpps} attribute; service accounts and administrators
 * are not listed. Pages are keyed on the username, so users created between two pages are not
 * missed nor listed twice.
 */
final class DoctorInventory {

    private static final String DOCTORS = """
            select u.username, u.enabled, hash.value, status.value
            from UserEntity u
              join UserAttributeEntity rpps on rpps.user = u and rpps.name = :rppsName
              left join UserAttributeEntity hash on hash.user = u and hash.name = :hashName
              left join UserAttributeEntity status on status.user = u and status.name = :statusName
            where u.realmId = :realmId""";

    private static final String REALM_USERS = "select u.id, u.username, u.enabled from UserEntity u where u.realmId = :realmId";

    private static final String EXPORTED_ATTRIBUTES = "select a.user.id, a.name, a.value from UserAttributeEntity a where a.name in :names";

    private static final String PAGE = DOCTORS + " and u.username > :after order by u.username";

    /** Rows the database cursor hands over at a time while the export streams. */
    private static final int FETCH_SIZE = 2000;

    /** The users of a batch with their attributes: one query instead of two per doctor. */
    private static final String USERS = """
            select distinct u from UserEntity u left join fetch u.attributes
            where u.realmId = :realmId and u.username in :usernames""";

    private static final String MEMBERSHIPS = """
            select m.user.id, m.groupId from UserGroupMembershipEntity m where m.user.id in :userIds""";

    private final KeycloakSession session;
    private final EntityManager entities;
    private final RealmModel realm;

    DoctorInventory(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.entities = SessionEntities.of(session);
        this.realm = realm;
    }

    /**
     * The users among these usernames, by username, loaded with their attributes in one query, as
     * models of the database's user provider (below the user cache: see DoctorWriter). Looking a
     * loaded user up by id then reads the transaction's own copy: no further query.
     */
    Map<String, UserModel> users(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        UserProvider database = session.getProvider(UserProvider.class);
        PersistenceUnitUtil identifiers = entities.getEntityManagerFactory().getPersistenceUnitUtil();
        Map<String, UserModel> users = new HashMap<>();
        for (Object entity : entities.createQuery(USERS)
                .setParameter("realmId", realm.getId())
                .setParameter("usernames", usernames)
                .getResultList()) {
            UserModel user = database.getUserById(realm, (String) identifiers.getIdentifier(entity));
            users.put(user.getUsername(), user);
        }
        return users;
    }

    /** The groups (ids) each of these users is a direct member of, by user id: one query. */
    Map<String, List<String>> groupIds(Collection<UserModel> users) {
        Map<String, List<String>> groups = new HashMap<>();
        if (users.isEmpty()) {
            return groups;
        }
        users.forEach(user -> groups.put(user.getId(), new ArrayList<>()));
        for (Object[] row : entities.createQuery(MEMBERSHIPS, Object[].class)
                .setParameter("userIds", groups.keySet())
                .getResultList()) {
            groups.get((String) row[0]).add((String) row[1]);
        }
        return groups;
    }

    ExportPage page(String after, int limit) {
        List<ExportPage.ExportedDoctor> doctors = doctors(PAGE)
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(limit)
                .getResultList().stream()
                .map(DoctorInventory::exported)
                .toList();
        return ExportPage.of(doctors, limit);
    }

    /**
     * Every doctor in username order: the realm's users and the three attributes read one table
     * at a time and matched here, not in one query joining the attribute table three times. Such a
     * join's plan depends on the database's statistics: right after a bulk load, before they were
     * updated, PostgreSQL chose nested loops that took 77 s instead of about 1 s for 20,000
     * doctors. Each read alone is linear whatever its plan; 300,000 doctors hold about 80 MB here
     * while they are sorted. The attribute read is not limited to the realm (that would be a join
     * again): other realms' rows find no user here and are dropped.
     */
    Stream<ExportPage.ExportedDoctor> all() {
        Map<String, Exported> byId = new HashMap<>();
        try (Stream<Object[]> users = streamed(entities.createQuery(REALM_USERS, Object[].class)
                .setParameter("realmId", realm.getId()))) {
            users.forEach(row -> byId.put((String) row[0], new Exported((String) row[1], Boolean.TRUE.equals(row[2]))));
        }
        try (Stream<Object[]> attributes = streamed(entities.createQuery(EXPORTED_ATTRIBUTES, Object[].class)
                .setParameter("names", List.of(DoctorAttributes.RPPS, DoctorAttributes.ORDINAL_HASH,
                        DoctorAttributes.ORDINAL_STATUS)))) {
            attributes.forEach(row -> {
                Exported doctor = byId.get((String) row[0]);
                if (doctor != null) {
                    doctor.set((String) row[1], (String) row[2]);
                }
            });
        }
        return byId.values().stream()
                .filter(doctor -> doctor.rpps)
                .sorted(Comparator.comparing((Exported doctor) -> doctor.username))
                .map(Exported::exported);
    }

    private static <T> Stream<T> streamed(TypedQuery<T> query) {
        return query.setHint("org.hibernate.fetchSize", FETCH_SIZE).setHint("org.hibernate.readOnly", true)
                .getResultStream();
    }

    /** One user of the realm while the export is assembled. */
    private static final class Exported {

        private final String username;
        private final boolean enabled;
        private boolean rpps;
        private String hash;
        private String status;

        Exported(String username, boolean enabled) {
            this.username = username;
            this.enabled = enabled;
        }

        void set(String name, String value) {
            switch (name) {
                case DoctorAttributes.RPPS -> rpps = true;
                case DoctorAttributes.ORDINAL_HASH -> hash = value;
                case DoctorAttributes.ORDINAL_STATUS -> status = value;
                default -> throw new IllegalArgumentException(name);
            }
        }

        ExportPage.ExportedDoctor exported() {
            return new ExportPage.ExportedDoctor(username, hash, enabled, status);
        }
    }

    private TypedQuery<Object[]> doctors(String query) {
        return entities.createQuery(query, Object[].class)
                .setParameter("rppsName", DoctorAttributes.RPPS)
                .setParameter("hashName", DoctorAttributes.ORDINAL_HASH)
                .setParameter("statusName", DoctorAttributes.ORDINAL_STATUS)
                .setParameter("realmId", realm.getId());
    }

    private static ExportPage.ExportedDoctor exported(Object[] row) {
        return new ExportPage.ExportedDoctor((String) row[0], (String) row[2], Boolean.TRUE.equals(row[1]), (String) row[3]);
    }
}

package fr.ordre.monespace.sync;

import fr.ordre.monespace.access.SessionEntities;
import fr.ordre.monespace.contract.DoctorAttributes;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Reads, page by page, what the sync needs to know of every doctor: RPPS, digest, enabled flag and
 * status. One query per page straight from the database: loading 300,000 user models and their
 * attribute collections one by one would take minutes; this is a range scan of the
 * (realm, username) index joined to the attribute rows of each user. For an upsert, it also tells
 * which of a batch's RPPS are already usernames, in one query instead of one per doctor.
 *
 * <p>A doctor is a user holding an {@code rpps} attribute; service accounts and administrators
 * are not listed. Pages are keyed on the username, so users created between two pages are not
 * missed nor listed twice.
 */
final class DoctorInventory {

    private static final String PAGE = """
            select u.username, u.enabled, hash.value, status.value
            from UserEntity u
              join UserAttributeEntity rpps on rpps.user = u and rpps.name = :rppsName
              left join UserAttributeEntity hash on hash.user = u and hash.name = :hashName
              left join UserAttributeEntity status on status.user = u and status.name = :statusName
            where u.realmId = :realmId and u.username > :after
            order by u.username""";

    private static final String EXISTING = """
            select u.username from UserEntity u where u.realmId = :realmId and u.username in :usernames""";

    private final EntityManager entities;
    private final RealmModel realm;

    DoctorInventory(KeycloakSession session, RealmModel realm) {
        this.entities = SessionEntities.of(session);
        this.realm = realm;
    }

    /** Which of these usernames exist in the realm: one indexed query for a whole batch. */
    Set<String> existing(Collection<String> usernames) {
        return new HashSet<>(entities.createQuery(EXISTING, String.class)
                .setParameter("realmId", realm.getId())
                .setParameter("usernames", usernames)
                .getResultList());
    }

    ExportPage page(String after, int limit) {
        List<Object[]> rows = entities.createQuery(PAGE, Object[].class)
                .setParameter("rppsName", DoctorAttributes.RPPS)
                .setParameter("hashName", DoctorAttributes.ORDINAL_HASH)
                .setParameter("statusName", DoctorAttributes.ORDINAL_STATUS)
                .setParameter("realmId", realm.getId())
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(limit)
                .getResultList();
        List<ExportPage.ExportedDoctor> doctors = rows.stream()
                .map(row -> new ExportPage.ExportedDoctor(
                        (String) row[0], (String) row[2], Boolean.TRUE.equals(row[1]), (String) row[3]))
                .toList();
        return ExportPage.of(doctors, limit);
    }
}

package fr.ordre.monespace.legacy.accounts;

import fr.ordre.monespace.access.SessionEntities;
import fr.ordre.monespace.contract.DoctorAttributes;
import fr.ordre.monespace.legacy.hash.LegacyScheme;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.dto.PasswordCredentialData;
import org.keycloak.models.credential.dto.PasswordSecretData;
import org.keycloak.util.JsonSerialization;

/**
 * What the import needs to know of every doctor — login e-mail, kind of password, portal account —
 * read straight from the database: three queries per page of the export or batch of the import
 * (loading user models and their credentials one by one would take minutes at 300,000 doctors).
 * The doctors first, by the (realm, username) index; then their password credentials and portal
 * accounts by user id: a join to the attribute rows of one name would let the planner, misled by
 * statistics taken before an import, rescan them for every doctor. A doctor is a user holding an
 * {@code rpps} attribute; pages are keyed on the username.
 */
final class EspaceInventory {

    private static final String DOCTORS = """
            select u.id, u.username, u.email
            from UserEntity u join UserAttributeEntity rpps on rpps.user = u and rpps.name = :rppsName
            where u.realmId = :realmId""";
    private static final String PAGE = DOCTORS + " and u.username > :after order by u.username";
    private static final String BATCH = DOCTORS + " and u.username in :usernames";
    private static final String PASSWORDS = """
            select c.user.id, c.id, c.credentialData, c.secretData
            from CredentialEntity c where c.user.id in :ids and c.type = :password""";
    private static final String PORTAL_ACCOUNTS = """
            select a.user.id, a.value from UserAttributeEntity a where a.user.id in :ids and a.name = :name""";
    private static final String USERS_WITH_ATTRIBUTES = """
            select distinct u from UserEntity u left join fetch u.attributes where u.id in :ids""";
    private static final String EMAIL_OWNERS = """
            select u.email, u.username from UserEntity u where u.realmId = :realmId and u.email in :emails""";

    private final EntityManager entities;
    private final RealmModel realm;

    EspaceInventory(KeycloakSession session, RealmModel realm) {
        this.entities = SessionEntities.of(session);
        this.realm = realm;
    }

    EspacePage page(String after, int limit) {
        List<Object[]> doctors = doctors(PAGE).setParameter("after", after == null ? "" : after).setMaxResults(limit)
                .getResultList();
        return EspacePage.of(states(doctors).values().stream().map(EspaceState::exported).toList(), limit);
    }

    /** The doctors among these RPPS, by RPPS (an RPPS without a doctor is absent). */
    Map<String, EspaceState> of(Collection<String> rpps) {
        return states(doctors(BATCH).setParameter("usernames", rpps).getResultList());
    }

    /** Which username holds each of these login e-mails (lower-cased), for those held. */
    Map<String, String> emailOwners(Collection<String> emails) {
        Map<String, String> owners = new HashMap<>();
        entities.createQuery(EMAIL_OWNERS, Object[].class)
                .setParameter("realmId", realm.getId())
                .setParameter("emails", emails)
                .getResultList()
                .forEach(row -> owners.put((String) row[0], (String) row[1]));
        return owners;
    }

    /**
     * Loads these users and their attributes into the transaction's persistence context in one
     * query: writing them through the user model then finds them there, instead of two queries per
     * doctor (the user, then its attributes).
     */
    void prefetch(Collection<String> userIds) {
        if (!userIds.isEmpty()) {
            entities.createQuery(USERS_WITH_ATTRIBUTES).setParameter("ids", userIds).getResultList();
        }
    }

    private TypedQuery<Object[]> doctors(String jpql) {
        return entities.createQuery(jpql, Object[].class)
                .setParameter("rppsName", DoctorAttributes.RPPS)
                .setParameter("realmId", realm.getId());
    }

    /** One state per doctor row (id, username, email), in their order. */
    private Map<String, EspaceState> states(List<Object[]> doctors) {
        Map<String, EspaceState> states = new LinkedHashMap<>();
        if (doctors.isEmpty()) {
            return states;
        }
        List<String> ids = doctors.stream().map(row -> (String) row[0]).toList();
        Map<String, Object[]> passwords = new HashMap<>();
        // A second password credential, never expected, is ignored: the first one counts.
        entities.createQuery(PASSWORDS, Object[].class).setParameter("ids", ids)
                .setParameter("password", PasswordCredentialModel.TYPE).getResultList()
                .forEach(row -> passwords.putIfAbsent((String) row[0], row));
        Map<String, String> portalAccounts = new HashMap<>();
        entities.createQuery(PORTAL_ACCOUNTS, Object[].class).setParameter("ids", ids)
                .setParameter("name", DoctorAttributes.LEGACY_ACCOUNT).getResultList()
                .forEach(row -> portalAccounts.putIfAbsent((String) row[0], (String) row[1]));
        for (Object[] doctor : doctors) {
            String id = (String) doctor[0];
            states.putIfAbsent((String) doctor[1],
                    state(id, (String) doctor[1], (String) doctor[2], passwords.get(id), portalAccounts.get(id)));
        }
        return states;
    }

    private static EspaceState state(String id, String rpps, String email, Object[] password, String portalAccount) {
        if (password == null) {
            return new EspaceState(rpps, id, email, Espace.NONE, null, null, portalAccount);
        }
        String algorithm = read((String) password[2], PasswordCredentialData.class).getAlgorithm();
        boolean legacy = LegacyScheme.isLegacy(algorithm);
        String legacyHash = legacy ? read((String) password[3], PasswordSecretData.class).getValue() : null;
        return new EspaceState(rpps, id, email, legacy ? Espace.LEGACY : Espace.ACTIVE, legacyHash, (String) password[1],
                portalAccount);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JsonSerialization.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable password credential data", e);
        }
    }
}

package fr.ordre.monespace.legacy.accounts;

import fr.ordre.monespace.access.SessionEntities;
import fr.ordre.monespace.identity.DoctorAttributes;
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
 * read straight from the database: one query per page of the export, one per batch of the import
 * (loading user models and their credentials one by one would take minutes at 300,000 doctors).
 * A doctor is a user holding an {@code rpps} attribute; pages are keyed on the username.
 */
final class EspaceInventory {

    private static final String SELECT = """
            select u.id, u.username, u.email, c.id, c.credentialData, c.secretData, marker.value
            from UserEntity u
              join UserAttributeEntity rpps on rpps.user = u and rpps.name = :rppsName
              left join CredentialEntity c on c.user = u and c.type = :password
              left join UserAttributeEntity marker on marker.user = u and marker.name = :markerName
            where u.realmId = :realmId""";
    private static final String PAGE = SELECT + " and u.username > :after order by u.username";
    private static final String BATCH = SELECT + " and u.username in :usernames";
    private static final String EMAIL_OWNERS = """
            select u.email, u.username from UserEntity u where u.realmId = :realmId and u.email in :emails""";

    private final EntityManager entities;
    private final RealmModel realm;

    EspaceInventory(KeycloakSession session, RealmModel realm) {
        this.entities = SessionEntities.of(session);
        this.realm = realm;
    }

    EspacePage page(String after, int limit) {
        List<Object[]> rows = query(PAGE).setParameter("after", after == null ? "" : after).setMaxResults(limit).getResultList();
        return EspacePage.of(states(rows).values().stream().map(EspaceState::exported).toList(), limit);
    }

    /** The doctors among these RPPS, by RPPS (an RPPS without a doctor is absent). */
    Map<String, EspaceState> of(Collection<String> rpps) {
        return states(query(BATCH).setParameter("usernames", rpps).getResultList());
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

    private TypedQuery<Object[]> query(String jpql) {
        return entities.createQuery(jpql, Object[].class)
                .setParameter("rppsName", DoctorAttributes.RPPS)
                .setParameter("password", PasswordCredentialModel.TYPE)
                .setParameter("markerName", DoctorAttributes.LEGACY_ACCOUNT)
                .setParameter("realmId", realm.getId());
    }

    /** Rows in order, one state per doctor (a second password credential, never expected, is ignored). */
    private static Map<String, EspaceState> states(List<Object[]> rows) {
        Map<String, EspaceState> states = new LinkedHashMap<>();
        for (Object[] row : rows) {
            states.putIfAbsent((String) row[1], state(row));
        }
        return states;
    }

    private static EspaceState state(Object[] row) {
        String credentialId = (String) row[3];
        Espace espace = Espace.NONE;
        String legacyHash = null;
        if (credentialId != null) {
            String algorithm = read((String) row[4], PasswordCredentialData.class).getAlgorithm();
            espace = LegacyScheme.isLegacy(algorithm) ? Espace.LEGACY : Espace.ACTIVE;
            if (espace == Espace.LEGACY) {
                legacyHash = read((String) row[5], PasswordSecretData.class).getValue();
            }
        }
        return new EspaceState((String) row[1], (String) row[0], (String) row[2], espace, legacyHash, credentialId,
                (String) row[6]);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JsonSerialization.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable password credential data", e);
        }
    }
}

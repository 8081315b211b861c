package fr.ordre.monespace.sync;

import java.util.List;
import java.util.Map;
import org.keycloak.connections.jpa.support.EntityManagers;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Writes a validated batch in the request's transaction: all of it, or nothing. */
final class BatchUpsert {

    private final KeycloakSession session;
    private final RealmModel realm;

    BatchUpsert(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    UpsertSummary apply(DoctorBatch batch) {
        // The doctors the sync knows to be new are not looked up: in an initial load, that query
        // (500 usernames, and the database's statistics lagging behind a table that grows by
        // thousands of rows a second) cost the database as much as writing the users' attributes.
        DoctorInventory inventory = new DoctorInventory(session, realm);
        Map<String, UserModel> existing = inventory
                .users(batch.doctors().stream().filter(doctor -> !doctor.creating()).map(DoctorWrite::rpps).toList());
        Map<String, List<String>> groupIds = inventory.groupIds(existing.values());
        DoctorWriter writer = new DoctorWriter(session, realm, existing, groupIds);
        UpsertSummary summary = new UpsertSummary();
        // Batch mode: no flush after each user and no flush before each query, so the
        // transaction does not re-check every entity it already wrote for each new one
        // (quadratic: 20 ms per doctor at 500 per batch). Queries then do not see this
        // batch's unflushed writes, which is fine: a batch names each RPPS once.
        EntityManagers.runInBatch(session, () -> batch.doctors().forEach(doctor -> summary.add(writer.write(doctor))), true);
        return summary;
    }
}

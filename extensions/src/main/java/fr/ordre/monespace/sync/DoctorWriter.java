package fr.ordre.monespace.sync;

import fr.ordre.monespace.account.Sessions;
import fr.ordre.monespace.contract.DoctorAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

/**
 * Upserts one doctor, keyed on the username (the RPPS, an indexed lookup): a retried or resumed
 * batch finds the users an earlier attempt created and updates them instead of duplicating them.
 *
 * <p>Only synced attributes and the enabled flag are written; the login e-mail, credentials and
 * required actions are never read nor written, so a doctor who activated an espace keeps it.
 */
final class DoctorWriter {

    enum Kind { CREATED, UPDATED, UNCHANGED }

    record Outcome(Kind kind, boolean disabled, boolean enabled, int sessionsEnded) {
    }

    private final KeycloakSession session;
    private final UserProvider users;
    private final RealmModel realm;
    private final Set<String> existing;
    private final CouncilGroups councils;

    /** {@code existing}: which of the batch's RPPS are already usernames (see DoctorInventory). */
    DoctorWriter(KeycloakSession session, RealmModel realm, Set<String> existing) {
        this.session = session;
        // The cache-aware provider: every write invalidates the cached user.
        this.users = session.users();
        this.realm = realm;
        this.existing = existing;
        this.councils = new CouncilGroups(session, realm);
    }

    Outcome write(DoctorWrite doctor) {
        // A doctor new to Keycloak costs no lookup: the batch's usernames were checked at once.
        UserModel user = existing.contains(doctor.rpps()) ? users.getUserByUsername(realm, doctor.rpps()) : null;
        boolean creating = user == null;
        if (creating) {
            // Same defaults as a creation through the admin API: default roles and required actions.
            user = users.addUser(realm, doctor.rpps());
        }
        UserModel target = user;
        Map<String, List<String>> changes = AttributeDiff.changes(
                name -> target.getAttributeStream(name).toList(), doctor.wantedAttributes());
        changes.forEach(target::setAttribute);
        if (creating || changes.containsKey(DoctorAttributes.COUNCIL)) {
            // The conseil's agents see the doctor through this group: it follows the attribute.
            councils.place(user, doctor.wantedAttributes().get(DoctorAttributes.COUNCIL), creating);
        }

        boolean disabled = false;
        boolean enabled = false;
        int sessionsEnded = 0;
        if (doctor.enabled() != null && doctor.enabled() != user.isEnabled()) {
            user.setEnabled(doctor.enabled());
            disabled = !creating && !doctor.enabled();
            enabled = !creating && doctor.enabled();
            if (disabled) {
                sessionsEnded = Sessions.endAll(session, realm, user);
            }
        }
        Kind kind = creating ? Kind.CREATED
                : changes.isEmpty() && !disabled && !enabled ? Kind.UNCHANGED : Kind.UPDATED;
        return new Outcome(kind, disabled, enabled, sessionsEnded);
    }
}

package fr.ordre.monespace.sync;

import fr.ordre.monespace.account.Sessions;
import fr.ordre.monespace.contract.DoctorAttributes;
import java.util.List;
import java.util.Map;
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
 *
 * <p>An existing doctor is read and written below the user cache, on the model the batch's one
 * query loaded (DoctorInventory#users): going through the cache would look each one up by
 * username, load its attributes, cache it and invalidate it again, three queries where none is
 * needed. A doctor this writes is then evicted from the cache, on every node. A new doctor is
 * created through the cache layer, like any user.
 */
final class DoctorWriter {

    enum Kind { CREATED, UPDATED, UNCHANGED }

    record Outcome(Kind kind, boolean disabled, boolean enabled, int sessionsEnded) {
    }

    private final KeycloakSession session;
    private final UserProvider users;
    private final RealmModel realm;
    private final Map<String, UserModel> existing;
    private final Map<String, List<String>> groupIds;
    private final UserCacheEviction cache;
    private final CouncilGroups councils;
    private final NewDoctorMemberships memberships;

    /**
     * {@code existing}: the batch's users already in the realm, by username; {@code groupIds}:
     * the groups each is a direct member of, by user id (see DoctorInventory).
     */
    DoctorWriter(KeycloakSession session, RealmModel realm, Map<String, UserModel> existing,
            Map<String, List<String>> groupIds) {
        this.session = session;
        // The cache-aware provider, for creations and session ends.
        this.users = session.users();
        this.realm = realm;
        this.existing = existing;
        this.groupIds = groupIds;
        this.cache = new UserCacheEviction(session);
        this.councils = new CouncilGroups(session, realm);
        this.memberships = new NewDoctorMemberships(session, realm);
    }

    Outcome write(DoctorWrite doctor) {
        UserModel user = existing.get(doctor.rpps());
        boolean creating = user == null;
        if (creating) {
            // The admin API's defaults: required actions here, default roles and groups with the
            // conseil's group below (NewDoctorMemberships).
            user = users.addUser(realm, null, doctor.rpps(), false, true);
        }
        UserModel target = user;
        Map<String, List<String>> changes = AttributeDiff.changes(
                name -> target.getAttributeStream(name).toList(), doctor.wantedAttributes());
        changes.forEach(target::setAttribute);
        // The conseil's agents see the doctor through this group: it follows the attribute (as
        // written now; a batch that leaves the attribute out leaves it, and the group, as they are).
        List<String> council = target.getAttributeStream(DoctorAttributes.COUNCIL).toList();
        boolean moved = false;
        if (creating) {
            memberships.add(user, councils.wanted(council));
        } else {
            moved = councils.place(user, council, groupIds.getOrDefault(user.getId(), List.of()));
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
                : changes.isEmpty() && !moved && !disabled && !enabled ? Kind.UNCHANGED : Kind.UPDATED;
        if (kind == Kind.UPDATED) {
            cache.evict(realm, user);
        }
        return new Outcome(kind, disabled, enabled, sessionsEnded);
    }
}

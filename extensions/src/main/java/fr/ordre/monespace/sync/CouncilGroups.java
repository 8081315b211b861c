package fr.ordre.monespace.sync;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keeps each doctor in the group of their conseil départemental, {@code conseil-<code>} (or
 * {@value #UNKNOWN} without a known code), as the {@code council} attribute says: the group the
 * support agents of that conseil may see (realm/support.yaml). A doctor who moves changes group.
 * Only groups named {@code conseil-…} are touched; a realm without them (stock mode) is left alone.
 */
final class CouncilGroups {

    /** Prefix of the doctors' groups, one per conseil (realm/support.yaml). */
    static final String PREFIX = "conseil-";
    /** Doctors whose council Ordinal does not give, or names no declared conseil. */
    static final String UNKNOWN = PREFIX + "inconnu";

    private final KeycloakSession session;
    private final RealmModel realm;
    /** The batch's lookups by name: a batch of 500 doctors reads each group once. */
    private final Map<String, Optional<GroupModel>> groups = new HashMap<>();

    CouncilGroups(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The group of this {@code council} attribute: its conseil's, else {@value #UNKNOWN}; null in stock mode. */
    GroupModel wanted(List<String> council) {
        String code = council == null || council.isEmpty() ? null : council.get(0);
        return group(code == null || code.isBlank() ? UNKNOWN : PREFIX + code).or(() -> group(UNKNOWN)).orElse(null);
    }

    /**
     * Puts an existing {@code doctor} in their conseil's group, out of any other conseil's (a new
     * doctor joins with NewDoctorMemberships); {@code held}: the ids of the groups they are a
     * direct member of (DoctorInventory#groupIds). Returns whether the membership changed. Called
     * for every doctor a batch updates, so any write puts a doctor right, whatever their group was.
     */
    boolean place(UserModel doctor, List<String> council, Collection<String> held) {
        GroupModel wanted = wanted(council);
        boolean member = false;
        boolean changed = false;
        for (String id : held) {
            GroupModel group = session.groups().getGroupById(realm, id);
            if (group == null || group.getParentId() != null || !group.getName().startsWith(PREFIX)) {
                continue;
            }
            if (wanted != null && group.getId().equals(wanted.getId())) {
                member = true;
            } else {
                doctor.leaveGroup(group);
                changed = true;
            }
        }
        if (wanted != null && !member) {
            doctor.joinGroup(wanted);
            changed = true;
        }
        return changed;
    }

    private Optional<GroupModel> group(String name) {
        return groups.computeIfAbsent(name, n -> Optional.ofNullable(session.groups().getGroupByName(realm, null, n)));
    }
}

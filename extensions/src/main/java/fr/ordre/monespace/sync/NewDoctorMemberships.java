package fr.ordre.monespace.sync;

import fr.ordre.monespace.access.SessionEntities;
import java.util.List;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * What a doctor the sync creates holds besides their attributes: the realm's default role and
 * default groups, as {@code addUser} with default roles gives them, and their conseil's group.
 *
 * <p>Why not the model's calls: {@code grantRole} and {@code joinGroup} each query whether the user
 * already holds the mapping before writing it, two queries per new doctor that are always empty;
 * in an initial load of 300,000 doctors they took a fifth of Keycloak's time and as much of the
 * database's. The mappings are persisted directly (MembershipEntities); the events the model
 * fires for each grant and join are fired here too.
 */
final class NewDoctorMemberships {

    private final KeycloakSession session;
    private final MembershipEntities entities;
    private final RoleModel defaultRole;
    private final List<GroupModel> defaultGroups;

    NewDoctorMemberships(KeycloakSession session, RealmModel realm) {
        this.session = session;
        // The session's EntityManager: during the batch, it is the batch's (EntityManagers#runInBatch).
        this.entities = new MembershipEntities(SessionEntities.of(session));
        this.defaultRole = realm.getDefaultRole();
        this.defaultGroups = realm.getDefaultGroupsStream().toList();
    }

    /**
     * {@code user} was just created, without default roles, in the batch's persistence context;
     * {@code council}: their conseil's group (CouncilGroups#wanted), null for none.
     */
    void add(UserModel user, GroupModel council) {
        if (defaultRole != null) {
            entities.grantRole(user.getId(), defaultRole.getId());
            RoleModel.RoleGrantedEvent.fire(defaultRole, user, session);
        }
        for (GroupModel group : defaultGroups) {
            join(user, group);
        }
        if (council != null && defaultGroups.stream().noneMatch(group -> group.getId().equals(council.getId()))) {
            join(user, council);
        }
    }

    private void join(UserModel user, GroupModel group) {
        entities.joinGroup(user.getId(), group.getId());
        GroupModel.GroupMemberJoinEvent.fire(group, user, session);
    }
}

package fr.ordre.monespace.support;

import fr.ordre.monespace.access.AdminBearer;
import fr.ordre.monespace.agent.Agents;
import fr.ordre.monespace.contract.DoctorAttributes;
import fr.ordre.monespace.identity.Rpps;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Who may use the support endpoint, and on which doctors. The caller's bearer token is checked as
 * Keycloak's admin REST API checks it (issued by the realm or by the administration realm); then:
 * <ul>
 * <li>a support agent (realm role {@value Agents#ROLE}, with a client allowed to carry it) acts on
 * the doctors Keycloak's own permission evaluation lets them <em>view</em>: their conseil's
 * (fine-grained admin permissions, realm/support.yaml);</li>
 * <li>an administrator who may manage the doctor through the admin API (national support's CLI)
 * acts on that doctor: the endpoint grants nothing the admin API would not.</li>
 * </ul>
 * A doctor out of reach reads as unknown (404), so an agent learns nothing of other conseils.
 */
final class SupportAccess {

    /** An authenticated caller and Keycloak's evaluation of their rights in the realm. */
    record Caller(AdminAuth auth, AdminPermissionEvaluator permissions, boolean agent) {

        String name() {
            return auth.getUser().getUsername();
        }
    }

    private final KeycloakSession session;

    SupportAccess(KeycloakSession session) {
        this.session = session;
    }

    Caller require(RealmModel target) {
        AdminAuth auth = AdminBearer.authenticate(session, target);
        boolean agent = auth.getRealm().getId().equals(target.getId())
                && auth.getUser().getServiceAccountClientLink() == null && auth.hasRealmRole(Agents.ROLE);
        AdminPermissionEvaluator permissions = AdminPermissions.evaluator(session, target, auth);
        if (!agent && !permissions.users().canManage()) {
            throw new ForbiddenException("support agents and user administrators only");
        }
        return new Caller(auth, permissions, agent);
    }

    /** The doctor whose RPPS this is, if the caller may reach them; 404 otherwise (or unknown). */
    UserModel doctor(Caller caller, RealmModel realm, String rpps) {
        Optional<String> number = Rpps.parse(rpps);
        UserModel user = number.map(n -> session.users().getUserByUsername(realm, n)).orElse(null);
        if (user == null || user.getFirstAttribute(DoctorAttributes.RPPS) == null) {
            throw new NotFoundException("no doctor with this RPPS within your reach");
        }
        boolean reachable = caller.agent()
                ? caller.permissions().users().canView(user)
                : caller.permissions().users().canManage(user);
        if (!reachable) {
            throw new NotFoundException("no doctor with this RPPS within your reach");
        }
        return user;
    }
}

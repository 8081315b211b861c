package fr.ordre.monespace.support;

import fr.ordre.monespace.contract.DoctorAttributes;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * One admin event per consultation or action: the agent (authDetails and {@code agent}), the
 * doctor's RPPS and conseil, the action, the agent's reason and what it did. The resource path
 * {@code monespace-support/<conseil>/<rpps>/<action>} lets `monespace support audit --council 75`
 * ask Keycloak for one conseil's. Kept for the realm's adminEventsExpiration.
 */
final class SupportAudit {

    /** First segment of the resource path of every support event. */
    static final String PATH = "monespace-support";
    /** Conseil segment of a doctor without a known conseil. */
    static final String NO_COUNCIL = "inconnu";

    private SupportAudit() {
    }

    static void record(KeycloakSession session, RealmModel realm, SupportAccess.Caller caller, UserModel doctor,
                       SupportAction action, String reason, Map<String, String> outcome) {
        String council = doctor.getFirstAttribute(DoctorAttributes.COUNCIL);
        council = council == null || council.isBlank() ? NO_COUNCIL : council;
        AdminEventBuilder event = new AdminEventBuilder(realm, caller.auth(), session, session.getContext().getConnection())
                .operation(action == SupportAction.SHOW ? OperationType.ACTION : OperationType.UPDATE)
                .resource(ResourceType.USER)
                .resourcePath(PATH, council, doctor.getUsername(), action.path())
                .detail("agent", caller.name())
                .detail("rpps", doctor.getUsername())
                .detail("council", council)
                .detail("action", action.path());
        if (reason != null) {
            event.detail("reason", reason);
        }
        outcome.forEach(event::detail);
        event.success();
    }
}

package fr.ordre.monespace.support;

import fr.ordre.monespace.account.Sessions;
import fr.ordre.monespace.delivery.DeliveryException;
import fr.ordre.monespace.contract.DoctorAttributes;
import fr.ordre.monespace.identity.DoctorDirectory;
import fr.ordre.monespace.reset.ResetLinkToken;
import fr.ordre.monespace.reset.ResetLinks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/monespace-support}: what support agents see of a doctor and do to their
 * espace, each conseil for its own doctors (README « Support des conseils »).
 *
 * <ul>
 * <li>{@code GET doctors/{rpps}}: the doctor's report (DoctorReport);</li>
 * <li>{@code POST doctors/{rpps}/{action}} with {@code {"reason": "…", "limits": [ids]}}, action
 * one of {@code unlock} (the limits named, or all), {@code reset-link}, {@code logout},
 * {@code disable}, {@code enable}: answers what was done and the report after it.</li>
 * </ul>
 * Who may call it and on whom: SupportAccess (Keycloak's own permission evaluation). Every call is
 * an admin event naming the agent, the RPPS and the reason (SupportAudit). Answers are JSON; errors
 * carry a code the page and the CLI turn into French.
 */
public final class SupportResource {

    private static final Logger LOG = Logger.getLogger(SupportResource.class);
    static final int REASON_MIN = 5;
    static final int REASON_MAX = 500;
    /** Where a reset link sent by an agent lands once used: the home (realm/clients.yaml). */
    static final String HOME_CLIENT = "monespace-home";

    private final KeycloakSession session;

    public SupportResource(KeycloakSession session) {
        this.session = session;
    }

    /** Body of an action. */
    record ActionRequest(String reason, List<String> limits) {
    }

    @GET
    @Path("doctors/{rpps}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response show(@PathParam("rpps") String rpps) {
        RealmModel realm = session.getContext().getRealm();
        SupportAccess access = new SupportAccess(session);
        SupportAccess.Caller caller = access.require(realm);
        UserModel doctor = access.doctor(caller, realm, rpps);
        SupportAudit.record(session, realm, caller, doctor, SupportAction.SHOW, null, Map.of());
        return json(Response.Status.OK, DoctorReport.of(session, realm, doctor, Time.currentTimeMillis()));
    }

    @POST
    @Path("doctors/{rpps}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response act(@PathParam("rpps") String rpps, @PathParam("action") String path, String body) {
        RealmModel realm = session.getContext().getRealm();
        SupportAccess access = new SupportAccess(session);
        SupportAccess.Caller caller = access.require(realm);
        UserModel doctor = access.doctor(caller, realm, rpps);
        SupportAction action = SupportAction.of(path).orElse(null);
        if (action == null) {
            return error(Response.Status.NOT_FOUND, "unknown_action", "unknown action " + path);
        }
        ActionRequest request;
        try {
            request = body == null || body.isBlank() ? null : JsonSerialization.readValue(body, ActionRequest.class);
        } catch (IOException e) {
            return error(Response.Status.BAD_REQUEST, "invalid_body", "unreadable JSON");
        }
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.length() < REASON_MIN) {
            return error(Response.Status.BAD_REQUEST, "reason_required",
                    "a reason of at least " + REASON_MIN + " characters is required");
        }
        if (reason.length() > REASON_MAX || reason.codePoints().anyMatch(Character::isISOControl)) {
            return error(Response.Status.BAD_REQUEST, "reason_invalid",
                    "the reason is at most " + REASON_MAX + " characters, without control characters");
        }
        Map<String, String> outcome = new LinkedHashMap<>();
        Response refusal = switch (action) {
            case UNLOCK -> unlock(doctor, request.limits() == null ? List.of() : request.limits(), outcome);
            case RESET_LINK -> resetLink(realm, doctor, outcome);
            case LOGOUT -> {
                outcome.put("sessionsEnded", Integer.toString(Sessions.endAll(session, realm, doctor)));
                yield null;
            }
            case DISABLE -> {
                doctor.setEnabled(false);
                outcome.put("sessionsEnded", Integer.toString(Sessions.endAll(session, realm, doctor)));
                yield null;
            }
            case ENABLE -> enable(realm, doctor);
            case SHOW -> null;
        };
        if (refusal != null) {
            return refusal;
        }
        SupportAudit.record(session, realm, caller, doctor, action, reason, outcome);
        LOG.infof("support: %s %s RPPS %s (%s)", caller.name(), action.path(), doctor.getUsername(), outcome);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", action.path());
        answer.put("outcome", outcome);
        answer.put("doctor", DoctorReport.of(session, realm, doctor, Time.currentTimeMillis()));
        return json(Response.Status.OK, answer);
    }

    private Response unlock(UserModel doctor, List<String> ids, Map<String, String> outcome) {
        RealmModel realm = session.getContext().getRealm();
        DoctorQuotas quotas = new DoctorQuotas(session, realm, doctor);
        List<String> unknown = ids.stream().filter(id -> !quotas.ids().contains(id)).toList();
        if (!unknown.isEmpty()) {
            return error(Response.Status.BAD_REQUEST, "unknown_limit", "unknown limits: " + String.join(", ", unknown));
        }
        outcome.put("asked", ids.isEmpty() ? "all" : String.join(",", ids));
        outcome.put("lifted", String.join(",", quotas.lift(ids)));
        return null;
    }

    private Response resetLink(RealmModel realm, UserModel doctor, Map<String, String> outcome) {
        if (!doctor.isEnabled()) {
            return error(Response.Status.CONFLICT, "espace_disabled", "the espace is disabled");
        }
        if (!DoctorDirectory.hasAccount(doctor) || doctor.getEmail() == null) {
            return error(Response.Status.CONFLICT, "no_espace", "the doctor has no espace yet");
        }
        try {
            ResetLinks.mailNow(session, realm, doctor, HOME_CLIENT);
        } catch (DeliveryException e) {
            // Never the address: the exception types only.
            LOG.warnf("support reset link for RPPS %s not sent: %s", doctor.getUsername(), e.getMessage());
            return error(Response.Status.BAD_GATEWAY, "mail_failed", "the mail server refused the message");
        }
        outcome.put("sentTo", "loginEmail");
        outcome.put("validSeconds", Integer.toString(realm.getActionTokenGeneratedByUserLifespan(ResetLinkToken.TOKEN_TYPE)));
        return null;
    }

    private Response enable(RealmModel realm, UserModel doctor) {
        String status = doctor.getFirstAttribute(DoctorAttributes.ORDINAL_STATUS);
        if (status == null || !RealmConfig.activeStatuses(realm).contains(status)) {
            // The Ordinal status decides who may have an espace; support never overrides it.
            return error(Response.Status.CONFLICT, "status_inactive", "the Ordinal status is not active");
        }
        doctor.setEnabled(true);
        return null;
    }

    private static Response error(Response.Status status, String code, String message) {
        return json(status, Map.of("error", code, "message", message));
    }

    private static Response json(Response.Status status, Object entity) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(JsonSerialization.writeValueAsBytes(entity)).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the answer", e);
        }
    }
}

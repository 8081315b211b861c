package fr.ordre.monespace.sync;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/monespace-sync}: the Ordinal sync's bulk path into the realm's users.
 *
 * <ul>
 * <li>{@code GET doctors?after=<rpps>&limit=<n>}: a page of {@code {rpps, ordinalHash, enabled,
 * ordinalStatus}} in RPPS order, with the cursor {@code next} of the following page;</li>
 * <li>{@code GET doctors/export}: all of them in one streamed answer (DoctorExport), what a sync
 * run reads;</li>
 * <li>{@code POST doctors} with {@code {"doctors": [{rpps, enabled, attributes}, …]}}: upserts the
 * batch in one transaction (all or nothing) and answers with its counts.</li>
 * </ul>
 * The admin REST API takes one request and one transaction per user; a batch of 500 takes one.
 */
public final class DoctorSyncResource {

    private static final Logger LOG = Logger.getLogger(DoctorSyncResource.class);

    private final KeycloakSession session;

    public DoctorSyncResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("doctors")
    @Produces(MediaType.APPLICATION_JSON)
    public Response doctors(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        RealmModel realm = session.getContext().getRealm();
        new SyncAccess(session).require(realm);
        return json(Response.Status.OK, new DoctorInventory(session, realm).page(after, ExportPage.limit(limit)));
    }

    /** Every doctor in one streamed answer (see DoctorExport): the sync's delta reads it whole. */
    @GET
    @Path("doctors/export")
    @Produces(DoctorExport.MEDIA_TYPE)
    public Response export() {
        RealmModel realm = session.getContext().getRealm();
        new SyncAccess(session).require(realm);
        DoctorInventory inventory = new DoctorInventory(session, realm);
        StreamingOutput body = output -> {
            try (Stream<ExportPage.ExportedDoctor> doctors = inventory.all()) {
                DoctorExport.write(doctors, output);
            }
        };
        return Response.ok(body, DoctorExport.MEDIA_TYPE).build();
    }

    @POST
    @Path("doctors")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upsert(String body) {
        RealmModel realm = session.getContext().getRealm();
        AdminAuth caller = new SyncAccess(session).require(realm);
        DoctorBatch batch;
        try {
            batch = JsonSerialization.readValue(body, DoctorBatch.class);
        } catch (IOException e) {
            return invalid(List.of("unreadable JSON: " + firstLine(e.getMessage())));
        }
        List<String> problems = batch == null ? List.of("empty body") : batch.problems();
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        UpsertSummary summary;
        try {
            summary = new BatchUpsert(session, realm).apply(batch);
        } catch (ModelDuplicateException e) {
            // Another writer created one of these users meanwhile: the transaction is rolled back
            // and the whole batch can be sent again (the upsert then finds the user).
            session.getTransactionManager().setRollbackOnly();
            return json(Response.Status.CONFLICT, Map.of("error", "conflict", "message", firstLine(e.getMessage())));
        }
        audit(realm, caller, summary);
        LOG.infof("Ordinal sync batch of %d doctors in realm %s: %s", batch.doctors().size(), realm.getName(), summary);
        return json(Response.Status.OK, summary.counts());
    }

    /** One admin event per batch (not per user): who ran the sync, when, and what it did. */
    private void audit(RealmModel realm, AdminAuth caller, UpsertSummary summary) {
        new AdminEventBuilder(realm, caller, session, session.getContext().getConnection())
                .operation(OperationType.ACTION)
                .resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri())
                .representation(summary.counts())
                .success();
    }

    private static Response invalid(List<String> problems) {
        return json(Response.Status.BAD_REQUEST, Map.of("error", "invalid_batch", "problems", problems));
    }

    private static Response json(Response.Status status, Object entity) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(JsonSerialization.writeValueAsBytes(entity)).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the answer", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}

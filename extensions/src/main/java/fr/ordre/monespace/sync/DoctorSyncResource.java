package fr.ordre.monespace.sync;

import fr.ordre.monespace.access.BulkAnswers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;

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
        return BulkAnswers.json(Response.Status.OK, new DoctorInventory(session, realm).page(after, ExportPage.limit(limit)));
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
        BulkAnswers.Read<DoctorBatch> read = BulkAnswers.read(body, DoctorBatch.class, DoctorBatch::problems);
        if (read.refusal() != null) {
            return read.refusal();
        }
        DoctorBatch batch = read.batch();
        UpsertSummary summary;
        try {
            summary = new BatchUpsert(session, realm).apply(batch);
        } catch (ModelDuplicateException e) {
            // Another writer created one of these users meanwhile: the transaction is rolled back
            // and the whole batch can be sent again (the upsert then finds the user).
            return BulkAnswers.conflict(session, e);
        }
        BulkAnswers.audit(session, realm, caller, summary.counts());
        LOG.infof("Ordinal sync batch of %d doctors in realm %s: %s", batch.doctors().size(), realm.getName(), summary);
        return BulkAnswers.json(Response.Status.OK, summary.counts());
    }
}

package fr.ordre.monespace.legacy.accounts;

import fr.ordre.monespace.access.BulkAccess;
import fr.ordre.monespace.access.BulkAnswers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/monespace-legacy}: the import of the old portal's accounts.
 *
 * <ul>
 * <li>{@code GET doctors?after=<rpps>&limit=<n>}: a page of {@code {rpps, email, espace,
 * legacyHash, legacyAccount}} in RPPS order ({@code espace}: none, legacy or active;
 * {@code legacyHash}: the SHA-256 of an imported hash), with the cursor {@code next};</li>
 * <li>{@code POST accounts} with {@code {"accounts": [{rpps, email, hash, origin}, …]}}: attaches
 * the batch in one transaction and answers {@code {"results": [outcome, …], "counts": {…}}};</li>
 * <li>{@code POST undo} with {@code {"rpps": […]}}: removes what the import attached to those doctors
 * who have not signed in since ({@link AccountUndo}), with the same kind of answer.</li>
 * </ul>
 * Both need the realm role {@value #ROLE} or the right to manage the realm's users.
 */
public final class LegacyAccountsResource {

    /** Realm role of the import's service account (declared in realm/roles.yaml). */
    static final String ROLE = "legacy-import";
    private static final Logger LOG = Logger.getLogger(LegacyAccountsResource.class);

    private final KeycloakSession session;

    LegacyAccountsResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("doctors")
    @Produces(MediaType.APPLICATION_JSON)
    public Response doctors(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        RealmModel realm = session.getContext().getRealm();
        new BulkAccess(session, ROLE).require(realm);
        return BulkAnswers.json(Response.Status.OK, new EspaceInventory(session, realm).page(after, EspacePage.limit(limit)));
    }

    @POST
    @Path("accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response attach(String body) {
        RealmModel realm = session.getContext().getRealm();
        AdminAuth caller = new BulkAccess(session, ROLE).require(realm);
        AccountBatch batch;
        try {
            batch = JsonSerialization.readValue(body, AccountBatch.class);
        } catch (IOException e) {
            return BulkAnswers.invalid(List.of("unreadable JSON: " + BulkAnswers.firstLine(e.getMessage())));
        }
        List<String> problems = batch == null ? List.of("empty body") : batch.problems();
        if (!problems.isEmpty()) {
            return BulkAnswers.invalid(problems);
        }
        AccountImport.Result result;
        try {
            result = new AccountImport(session, realm).apply(batch);
        } catch (ModelDuplicateException e) {
            // An espace took one of these e-mails meanwhile: rolled back, the batch can be sent
            // again and that account is then refused as email_taken.
            return BulkAnswers.conflict(session, e);
        }
        Map<String, Object> answer = result.json();
        BulkAnswers.audit(session, realm, caller, answer.get("counts"));
        LOG.infof("Legacy import batch of %d accounts in realm %s: %s", batch.accounts().size(), realm.getName(),
                answer.get("counts"));
        return BulkAnswers.json(Response.Status.OK, answer);
    }

    /** The doctors whose import to undo (at most {@value AccountBatch#MAX_ACCOUNTS} a batch). */
    public record UndoBatch(List<String> rpps) {
    }

    @POST
    @Path("undo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response undo(String body) {
        RealmModel realm = session.getContext().getRealm();
        AdminAuth caller = new BulkAccess(session, ROLE).require(realm);
        UndoBatch batch;
        try {
            batch = JsonSerialization.readValue(body, UndoBatch.class);
        } catch (IOException e) {
            return BulkAnswers.invalid(List.of("unreadable JSON: " + BulkAnswers.firstLine(e.getMessage())));
        }
        if (batch == null || batch.rpps() == null || batch.rpps().isEmpty() || batch.rpps().size() > AccountBatch.MAX_ACCOUNTS
                || batch.rpps().contains(null) || batch.rpps().stream().distinct().count() != batch.rpps().size()) {
            return BulkAnswers.invalid(List.of("\"rpps\" must hold 1 to " + AccountBatch.MAX_ACCOUNTS + " distinct RPPS"));
        }
        Map<String, Object> answer = new AccountUndo(session, realm).apply(batch.rpps());
        BulkAnswers.audit(session, realm, caller, answer.get("counts"));
        LOG.infof("Legacy import undone for a batch of %d doctors in realm %s: %s", batch.rpps().size(), realm.getName(),
                answer.get("counts"));
        return BulkAnswers.json(Response.Status.OK, answer);
    }
}

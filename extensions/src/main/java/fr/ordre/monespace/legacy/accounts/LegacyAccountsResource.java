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
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;

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
 * Each needs the realm role {@value #ROLE} or the right to manage the realm's users.
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
        BulkAnswers.Read<AccountBatch> read = BulkAnswers.read(body, AccountBatch.class, AccountBatch::problems);
        if (read.refusal() != null) {
            return read.refusal();
        }
        AccountBatch batch = read.batch();
        Map<String, Object> answer;
        try {
            answer = BatchAnswer.of(new AccountImport(session, realm).apply(batch));
        } catch (ModelDuplicateException e) {
            // An espace took one of these e-mails meanwhile: rolled back, the batch can be sent
            // again and that account is then refused as email_taken.
            return BulkAnswers.conflict(session, e);
        }
        BulkAnswers.audit(session, realm, caller, answer.get("counts"));
        LOG.infof("Legacy import batch of %d accounts in realm %s: %s", batch.accounts().size(), realm.getName(),
                answer.get("counts"));
        return BulkAnswers.json(Response.Status.OK, answer);
    }

    /** The doctors whose import to undo (at most {@value AccountBatch#MAX_ACCOUNTS} a batch). */
    public record UndoBatch(List<String> rpps) {

        List<String> problems() {
            boolean valid = rpps != null && !rpps.isEmpty() && rpps.size() <= AccountBatch.MAX_ACCOUNTS
                    && !rpps.contains(null) && rpps.stream().distinct().count() == rpps.size();
            return valid ? List.of() : List.of("\"rpps\" must hold 1 to " + AccountBatch.MAX_ACCOUNTS + " distinct RPPS");
        }
    }

    @POST
    @Path("undo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response undo(String body) {
        RealmModel realm = session.getContext().getRealm();
        AdminAuth caller = new BulkAccess(session, ROLE).require(realm);
        BulkAnswers.Read<UndoBatch> read = BulkAnswers.read(body, UndoBatch.class, UndoBatch::problems);
        if (read.refusal() != null) {
            return read.refusal();
        }
        UndoBatch batch = read.batch();
        Map<String, Object> answer = BatchAnswer.of(new AccountUndo(session, realm).apply(batch.rpps()));
        BulkAnswers.audit(session, realm, caller, answer.get("counts"));
        LOG.infof("Legacy import undone for a batch of %d doctors in realm %s: %s", batch.rpps().size(), realm.getName(),
                answer.get("counts"));
        return BulkAnswers.json(Response.Status.OK, answer);
    }
}

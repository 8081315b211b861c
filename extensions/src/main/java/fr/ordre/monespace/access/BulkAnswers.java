package fr.ordre.monespace.access;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.util.JsonSerialization;

/** What MonEspace's bulk endpoints answer, and the admin event each batch leaves. */
public final class BulkAnswers {

    private BulkAnswers() {
    }

    public static Response json(Response.Status status, Object entity) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(JsonSerialization.writeValueAsBytes(entity)).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the answer", e);
        }
    }

    /** A batch read from a request body, or the answer refusing a body that is none. */
    public record Read<T>(T batch, Response refusal) {
    }

    /**
     * The batch of type {@code type} in {@code body}, or a 400 naming every problem {@code problems}
     * finds in it (then nothing is written).
     */
    public static <T> Read<T> read(String body, Class<T> type, Function<T, List<String>> problems) {
        T batch;
        try {
            batch = JsonSerialization.readValue(body, type);
        } catch (IOException e) {
            return new Read<>(null, invalid(List.of("unreadable JSON: " + firstLine(e.getMessage()))));
        }
        List<String> found = batch == null ? List.of("empty body") : problems.apply(batch);
        return found.isEmpty() ? new Read<>(batch, null) : new Read<>(null, invalid(found));
    }

    /** 400 naming every problem of a malformed batch (nothing written). */
    public static Response invalid(List<String> problems) {
        return json(Response.Status.BAD_REQUEST, Map.of("error", "invalid_batch", "problems", problems));
    }

    /** 409: a concurrent writer got there first; the batch, rolled back, can be sent again. */
    public static Response conflict(KeycloakSession session, Exception cause) {
        session.getTransactionManager().setRollbackOnly();
        return json(Response.Status.CONFLICT, Map.of("error", "conflict", "message", firstLine(cause.getMessage())));
    }

    /** One admin event per batch (not per user): who ran it, when, and what it did. */
    public static void audit(KeycloakSession session, RealmModel realm, AdminAuth caller, Object counts) {
        new AdminEventBuilder(realm, caller, session, session.getContext().getConnection())
                .operation(OperationType.ACTION)
                .resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri())
                .representation(counts)
                .success();
    }

    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}

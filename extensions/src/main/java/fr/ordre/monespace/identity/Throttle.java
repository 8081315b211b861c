package fr.ordre.monespace.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Fixed-window counters in Keycloak's single-use object store, which every node of a cluster
 * shares. Keys carry a hash, never the RPPS or address itself. Used to throttle identity checks
 * (per RPPS, per client address) and code sends (per RPPS, per address).
 *
 * <p>Counting is not atomic across nodes: concurrent requests may undercount by a few, which
 * only loosens a limit by that much.
 */
public final class Throttle {

    private static final String COUNT = "count";
    private static final String UNTIL = "until";

    private final SingleUseObjectProvider store;
    private final String namespace;

    public Throttle(KeycloakSession session, RealmModel realm, String purpose) {
        this.store = session.singleUseObjects();
        this.namespace = "monespace:" + purpose + ":" + realm.getId() + ":";
    }

    /** Whether {@code subject} is locked out, or has already used up {@code max} in the current window. */
    public boolean isLocked(String subject, int max) {
        String key = key(subject);
        if (store.contains(key + ":lock")) {
            return true;
        }
        return count(store.get(key)) >= max;
    }

    /**
     * Counts one more event for {@code subject}; once {@code max} are reached within the window, the
     * subject is locked for {@code lockSeconds}, or, when that is 0, until the window ends.
     */
    public void record(String subject, int max, int windowSeconds, int lockSeconds) {
        String key = key(subject);
        long now = Time.currentTimeSeconds();
        Map<String, String> current = store.get(key);
        long until = current == null ? now + windowSeconds : Long.parseLong(current.getOrDefault(UNTIL, "0"));
        if (until <= now) {
            until = now + windowSeconds;
            current = null;
        }
        int next = count(current) + 1;
        if (next >= max && lockSeconds > 0) {
            // The lock takes over; once it ends, counting starts again from zero.
            store.put(key + ":lock", lockSeconds, Map.of());
            store.remove(key);
            return;
        }
        store.put(key, Math.max(1, until - now), Map.of(COUNT, Integer.toString(next), UNTIL, Long.toString(until)));
    }

    private static int count(Map<String, String> notes) {
        return notes == null ? 0 : Integer.parseInt(notes.getOrDefault(COUNT, "0"));
    }

    private String key(String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return namespace + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

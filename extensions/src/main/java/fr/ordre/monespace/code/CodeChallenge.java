package fr.ordre.monespace.code;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-time code of one flow: the live code (kept only as a salted HMAC), its expiry, its
 * wrong tries, and the flow's send count and last send time, which survive a new code so that
 * "Retour" then "Recevoir votre code" cannot bypass the resend cooldown and cap.
 *
 * <p>Immutable: every operation returns the next state, which the caller stores in the flow.
 */
public final class CodeChallenge {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String K_HASH = "hash";
    private static final String K_SALT = "salt";
    private static final String K_EXPIRES = "expires";
    private static final String K_ATTEMPTS = "attempts";
    private static final String K_SENDS = "sends";
    private static final String K_LAST_SENT = "lastSent";
    private static final String K_CHANNEL = "channel";

    private final String hash;
    private final String salt;
    private final long expiresAt;
    private final int attempts;
    private final int sends;
    private final long lastSentAt;
    private final String channel;

    private CodeChallenge(String hash, String salt, long expiresAt, int attempts, int sends, long lastSentAt,
                          String channel) {
        this.hash = hash;
        this.salt = salt;
        this.expiresAt = expiresAt;
        this.attempts = attempts;
        this.sends = sends;
        this.lastSentAt = lastSentAt;
        this.channel = channel;
    }

    /** No code sent yet in this flow. */
    public static CodeChallenge none() {
        return new CodeChallenge(null, null, 0, 0, 0, 0, null);
    }

    /** Six digits from a CSPRNG, leading zeros kept. */
    public static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** Whether a (new) code may be sent now, given the flow's sends so far. */
    public SendDecision canSend(CodeLimits limits, long nowSeconds) {
        if (sends == 0) {
            return SendDecision.allowed();
        }
        if (sends > limits.maxResends()) {
            return SendDecision.capReached();
        }
        long wait = lastSentAt + limits.resendCooldownSeconds() - nowSeconds;
        return wait > 0 ? SendDecision.tooEarly(wait) : SendDecision.allowed();
    }

    /** The state after {@code code} was actually delivered on {@code channel}: the old code is dead. */
    public CodeChallenge sent(String code, String channel, CodeLimits limits, long nowSeconds) {
        String newSalt = randomSalt();
        return new CodeChallenge(digest(code, newSalt), newSalt, nowSeconds + limits.ttlSeconds(), 0, sends + 1,
                nowSeconds, channel);
    }

    /** Checks a typed code; the returned state carries the consumed or counted try. */
    public Verification verify(String typed, CodeLimits limits, long nowSeconds) {
        if (hash == null) {
            return new Verification(Verification.Outcome.NO_CODE, this, 0, false);
        }
        if (attempts >= limits.maxAttempts()) {
            return new Verification(Verification.Outcome.EXHAUSTED, this, 0, false);
        }
        if (nowSeconds >= expiresAt) {
            return new Verification(Verification.Outcome.EXPIRED, withoutCode(), 0, false);
        }
        String candidate = typed == null ? "" : typed.strip().replace(" ", "");
        boolean matches = candidate.matches("[0-9]{6}")
                && MessageDigest.isEqual(digest(candidate, salt).getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
        if (matches) {
            // Single use: the code is gone as soon as it is accepted.
            return new Verification(Verification.Outcome.ACCEPTED, withoutCode(), 0, false);
        }
        int tries = attempts + 1;
        CodeChallenge next = new CodeChallenge(hash, salt, expiresAt, tries, sends, lastSentAt, channel);
        if (tries >= limits.maxAttempts()) {
            return new Verification(Verification.Outcome.EXHAUSTED, next, 0, true);
        }
        return new Verification(Verification.Outcome.WRONG, next, limits.maxAttempts() - tries, true);
    }

    public boolean hasLiveCode() {
        return hash != null;
    }

    public String channel() {
        return channel;
    }

    public int sends() {
        return sends;
    }

    /** Stops the current code (e.g. "Retour" to choose another channel) but keeps the send count. */
    public CodeChallenge withoutCode() {
        return new CodeChallenge(null, null, 0, 0, sends, lastSentAt, channel);
    }

    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        if (hash != null) {
            notes.put(K_HASH, hash);
            notes.put(K_SALT, salt);
            notes.put(K_EXPIRES, Long.toString(expiresAt));
        }
        notes.put(K_ATTEMPTS, Integer.toString(attempts));
        notes.put(K_SENDS, Integer.toString(sends));
        notes.put(K_LAST_SENT, Long.toString(lastSentAt));
        if (channel != null) {
            notes.put(K_CHANNEL, channel);
        }
        return notes;
    }

    public static CodeChallenge fromNotes(Map<String, String> notes) {
        if (notes == null || !notes.containsKey(K_SENDS)) {
            return none();
        }
        return new CodeChallenge(notes.get(K_HASH), notes.get(K_SALT), parseLong(notes.get(K_EXPIRES)),
                (int) parseLong(notes.get(K_ATTEMPTS)), (int) parseLong(notes.get(K_SENDS)),
                parseLong(notes.get(K_LAST_SENT)), notes.get(K_CHANNEL));
    }

    private static long parseLong(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String randomSalt() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String digest(String code, String salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(code.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

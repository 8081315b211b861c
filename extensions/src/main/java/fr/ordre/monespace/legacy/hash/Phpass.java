package fr.ordre.monespace.legacy.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The phpass "portable" hash, as Drupal documents it (includes/password.inc in Drupal 7,
 * PhpassHashedPassword in 8+). A stored hash is a 12-character setting — 3 characters naming the
 * scheme, one itoa64 character giving log2 of the rounds (7 to 30), 8 salt characters — then the
 * digest in itoa64. The digest is H(salt . password), then {@code rounds} times
 * H(digest . password). Drupal keeps the first 55 characters of the whole string, so an MD5 hash
 * is 34 characters long and a SHA-512 one 55 (its digest cut short).
 */
final class Phpass {

    static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final int MIN_LOG2 = 7;
    static final int MAX_LOG2 = 30;
    /** Drupal refuses to hash longer passwords, so none of them can match. */
    static final int MAX_PASSWORD_BYTES = 512;
    private static final int SETTING_LENGTH = 12;
    private static final int DRUPAL_HASH_LENGTH = 55;

    static final Phpass SHA512 = new Phpass("SHA-512", 64);
    static final Phpass MD5 = new Phpass("MD5", 16);

    private final String digestName;
    private final int storedLength;

    private Phpass(String digestName, int digestBytes) {
        this.digestName = digestName;
        this.storedLength = Math.min(DRUPAL_HASH_LENGTH, SETTING_LENGTH + encodedLength(digestBytes));
    }

    /**
     * Whether {@code stored} has the length, rounds and alphabet of a hash of this digest, its
     * scheme prefix (the first 3 characters) aside: a truncated or altered hash is not.
     */
    boolean wellFormed(String stored) {
        if (stored == null || stored.length() != storedLength) {
            return false;
        }
        for (int i = 3; i < stored.length(); i++) {
            if (ITOA64.indexOf(stored.charAt(i)) < 0) {
                return false;
            }
        }
        int log2 = log2(stored);
        return log2 >= MIN_LOG2 && log2 <= MAX_LOG2;
    }

    /** Whether {@code password} (the bytes the doctor typed) gives {@code stored}; never throws. */
    boolean matches(byte[] password, String stored) {
        if (!wellFormed(stored) || password.length > MAX_PASSWORD_BYTES) {
            return false;
        }
        byte[] computed = crypt(password, stored).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(computed, stored.getBytes(StandardCharsets.US_ASCII));
    }

    /** The stored form of {@code password} under the setting that {@code stored} begins with. */
    String crypt(byte[] password, String stored) {
        MessageDigest digest = digest();
        byte[] salt = stored.substring(4, SETTING_LENGTH).getBytes(StandardCharsets.US_ASCII);
        digest.update(salt);
        digest.update(password);
        byte[] hash = digest.digest();
        for (long round = 1L << log2(stored); round > 0; round--) {
            digest.update(hash);
            digest.update(password);
            hash = digest.digest();
        }
        String whole = stored.substring(0, SETTING_LENGTH) + encode(hash);
        return whole.substring(0, Math.min(whole.length(), DRUPAL_HASH_LENGTH));
    }

    /** log2 of the rounds a well-formed hash names. */
    static int log2(String stored) {
        return ITOA64.indexOf(stored.charAt(3));
    }

    /**
     * Bytes in itoa64: each group of 3 bytes, read as a little-endian 24-bit number, gives 4
     * characters of 6 bits, least significant first; a last group of 1 or 2 bytes gives 2 or 3.
     */
    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(encodedLength(bytes.length));
        for (int start = 0; start < bytes.length; start += 3) {
            int count = Math.min(3, bytes.length - start);
            int value = 0;
            for (int k = 0; k < count; k++) {
                value |= (bytes[start + k] & 0xff) << (8 * k);
            }
            for (int k = 0; k < encodedLength(count); k++) {
                out.append(ITOA64.charAt((value >>> (6 * k)) & 0x3f));
            }
        }
        return out.toString();
    }

    private static int encodedLength(int bytes) {
        return (8 * bytes + 5) / 6;
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(digestName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digestName + " is part of every Java runtime", e);
        }
    }
}

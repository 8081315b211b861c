package fr.ordre.monespace.limits;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Store keys of the quotas: {@code monespace-limit:<realm id>:<limit>:<digest>}, where the digest
 * is an HMAC of the subject under a key derived from the realm's HMAC signing key (the one that
 * signs its action tokens, shared by every node). The store never holds an RPPS, an e-mail or an
 * address, and a digest cannot be reversed by hashing every RPPS without the realm's key.
 */
final class SubjectKeys {

    private static final String HMAC = "HmacSHA256";
    private static final byte[] PURPOSE = "monespace-limits".getBytes(StandardCharsets.UTF_8);

    private final String prefix;
    /** Null only where no realm key exists (unit tests): a plain SHA-256 then. */
    private final byte[] secret;

    SubjectKeys(String realmId, byte[] secret) {
        this.prefix = "monespace-limit:" + realmId + ":";
        this.secret = secret == null ? null : hmac(secret, PURPOSE);
    }

    static SubjectKeys of(KeycloakSession session, RealmModel realm) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        SecretKey secret = key == null ? null : key.getSecretKey();
        return new SubjectKeys(realm.getId(), secret == null ? null : secret.getEncoded());
    }

    /** The key of {@code subject}'s quota of the limit named {@code limit}. */
    String key(String limit, String subject) {
        byte[] input = (limit + "\n" + subject).getBytes(StandardCharsets.UTF_8);
        byte[] digest = secret == null ? sha256(input) : hmac(secret, input);
        return prefix + limit + ":" + HexFormat.of().formatHex(digest, 0, 16);
    }

    private static byte[] hmac(byte[] key, byte[] input) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " unavailable", e);
        }
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

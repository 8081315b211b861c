package fr.ordre.monespace.legacy.hash;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The password hashes the old Drupal portal may hold, each verified by its own
 * PasswordHashProvider whose id is the credential {@code algorithm} the import stores. Keycloak
 * picks the provider by that algorithm, and after the first successful login re-hashes the
 * password with the realm's own (Argon2), so these hashes are only ever read.
 */
public enum LegacyScheme {

    /** Drupal 7 and 8+: phpass over SHA-512, {@code $S$}. */
    DRUPAL_SHA512("drupal-sha512"),
    /** Drupal 6 MD5 hashes that Drupal 7 upgraded: {@code U} then {@code $S$} over the hex MD5 of the password. */
    DRUPAL_UPGRADED_MD5("drupal-md5-sha512"),
    /** phpass over MD5: {@code $H$} (phpBB) and {@code $P$} (WordPress), which Drupal also accepts. */
    PHPASS_MD5("phpass-md5"),
    /** bcrypt of PHP's password_hash(): {@code $2y$} (Drupal 10.1+), and {@code $2a$}/{@code $2b$}. */
    BCRYPT("php-bcrypt");

    /** PHP's bcrypt: variant, two-digit cost 4 to 31, 22 salt and 31 hash characters. */
    private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

    private final String algorithm;

    LegacyScheme(String algorithm) {
        this.algorithm = algorithm;
    }

    /** The credential algorithm, i.e. the id of the PasswordHashProvider verifying this scheme. */
    public String algorithm() {
        return algorithm;
    }

    /** Whether {@code hash} is a complete hash of this scheme (a truncated one is not). */
    public boolean wellFormed(String hash) {
        if (hash == null) {
            return false;
        }
        return switch (this) {
            case DRUPAL_SHA512 -> hash.startsWith("$S$") && Phpass.SHA512.wellFormed(hash);
            case DRUPAL_UPGRADED_MD5 -> hash.startsWith("U$S$") && Phpass.SHA512.wellFormed(hash.substring(1));
            case PHPASS_MD5 -> (hash.startsWith("$H$") || hash.startsWith("$P$")) && Phpass.MD5.wellFormed(hash);
            case BCRYPT -> BCRYPT_HASH.matcher(hash).matches();
        };
    }

    /** How costly a well-formed hash of this scheme is to check, for metrics: {@code 2^15}, {@code cost 10}. */
    String strength(String hash) {
        return switch (this) {
            case DRUPAL_SHA512, PHPASS_MD5 -> "2^" + Phpass.log2(hash);
            case DRUPAL_UPGRADED_MD5 -> "2^" + Phpass.log2(hash.substring(1));
            case BCRYPT -> "cost " + Integer.parseInt(hash.substring(4, 6));
        };
    }

    /** The scheme of a well-formed portal hash; empty for anything else (plain MD5, truncated, unknown). */
    public static Optional<LegacyScheme> ofHash(String hash) {
        return Arrays.stream(values()).filter(scheme -> scheme.wellFormed(hash)).findFirst();
    }

    /** Whether a stored credential's algorithm is one of the portal's. */
    public static boolean isLegacy(String algorithm) {
        return Arrays.stream(values()).anyMatch(scheme -> scheme.algorithm.equals(algorithm));
    }
}

package fr.ordre.monespace.legacy.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One doctor as the import sees them.
 *
 * @param legacyHash    the portal hash Keycloak holds ({@link Espace#LEGACY} only); never sent out
 * @param credentialId  the password credential's id, null when there is none
 * @param legacyAccount the portal account the espace was imported from, null when none was
 */
record EspaceState(String rpps, String userId, String email, Espace espace, String legacyHash, String credentialId,
                   String legacyAccount) {

    /** What the export lists: the hash only as its SHA-256, enough to tell whether an export changed it. */
    record Exported(String rpps, String email, String espace, String legacyHash, String legacyAccount) {
    }

    Exported exported() {
        return new Exported(rpps, email, espace.wire(), legacyHash == null ? null : sha256(legacyHash), legacyAccount);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package fr.ordre.monespace.legacy.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Drupal 6 hashes upgraded by Drupal 7, {@code U$S$}: the hex MD5 of the password, then phpass over SHA-512. */
final class DrupalUpgradedMd5PasswordHashProvider extends LegacyPasswordHashProvider {

    DrupalUpgradedMd5PasswordHashProvider() {
        super(LegacyScheme.DRUPAL_UPGRADED_MD5);
    }

    @Override
    boolean matches(byte[] password, String stored) {
        // Drupal 6 stored md5(password); Drupal 7 wrapped that digest in $S$ and marked it with "U".
        byte[] md5Hex = HexFormat.of().formatHex(md5(password)).getBytes(StandardCharsets.US_ASCII);
        return Phpass.SHA512.matches(md5Hex, stored.substring(1));
    }

    private static byte[] md5(byte[] password) {
        try {
            return MessageDigest.getInstance("MD5").digest(password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}

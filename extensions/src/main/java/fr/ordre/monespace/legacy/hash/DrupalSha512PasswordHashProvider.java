package fr.ordre.monespace.legacy.hash;

/** Drupal 7 and 8+ {@code $S$}: phpass over SHA-512 (the portal's usual hash, 2^15 or 2^16 rounds). */
final class DrupalSha512PasswordHashProvider extends LegacyPasswordHashProvider {

    DrupalSha512PasswordHashProvider() {
        super(LegacyScheme.DRUPAL_SHA512);
    }

    @Override
    boolean matches(byte[] password, String stored) {
        return Phpass.SHA512.matches(password, stored);
    }
}

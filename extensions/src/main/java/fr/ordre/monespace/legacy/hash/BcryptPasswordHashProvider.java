package fr.ordre.monespace.legacy.hash;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt of PHP's password_hash(), {@code $2y$} (Drupal 10.1+), {@code $2a$}, {@code $2b$}: checked by
 * the BouncyCastle that Keycloak's distribution ships (OpenBSDBCrypt), which like PHP reads at most
 * 72 bytes of a password.
 */
final class BcryptPasswordHashProvider extends LegacyPasswordHashProvider {

    BcryptPasswordHashProvider() {
        super(LegacyScheme.BCRYPT);
    }

    @Override
    boolean matches(byte[] password, String stored) {
        return OpenBSDBCrypt.checkPassword(stored, password);
    }
}

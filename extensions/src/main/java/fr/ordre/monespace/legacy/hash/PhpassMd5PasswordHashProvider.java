package fr.ordre.monespace.legacy.hash;

/** phpass over MD5, {@code $H$} and {@code $P$}: accounts Drupal brought over from phpBB or WordPress. */
final class PhpassMd5PasswordHashProvider extends LegacyPasswordHashProvider {

    PhpassMd5PasswordHashProvider() {
        super(LegacyScheme.PHPASS_MD5);
    }

    @Override
    boolean matches(byte[] password, String stored) {
        return Phpass.MD5.matches(password, stored);
    }
}

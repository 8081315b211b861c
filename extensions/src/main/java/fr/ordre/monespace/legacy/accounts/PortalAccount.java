package fr.ordre.monespace.legacy.accounts;

/**
 * One account of the old portal, as the import sends it.
 *
 * @param rpps   the doctor it belongs to (their username)
 * @param email  the login e-mail, lower-cased
 * @param hash   the password hash exactly as the portal stored it
 * @param origin the portal account, e.g. {@code drupal7:1234}, kept on the doctor
 */
public record PortalAccount(String rpps, String email, String hash, String origin) {
}

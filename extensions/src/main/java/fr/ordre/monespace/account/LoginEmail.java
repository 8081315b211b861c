package fr.ordre.monespace.account;

import fr.ordre.monespace.contract.DoctorAttributes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.utils.EmailValidationUtil;

/**
 * A login e-mail as MonEspace accepts it: trimmed, at most 254 characters, printable ASCII only
 * (no look-alike Unicode letters that would let one address pass for another), a single @, and
 * a valid address for Keycloak. Stored lower-cased, as Keycloak compares e-mails.
 */
public final class LoginEmail {

    private static final int MAX_LENGTH = 254;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LoginEmail() {
    }

    public static Optional<String> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String email = input.strip();
        // Keycloak takes a quoted local part with an @ in it: "dr.martin@cabinet.fr"@x.fr would
        // read as another doctor's address, and mail systems split such addresses differently.
        if (email.isEmpty() || email.length() > MAX_LENGTH || !email.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                || email.indexOf('@') != email.lastIndexOf('@') || !EmailValidationUtil.isValidEmail(email)) {
            return Optional.empty();
        }
        return Optional.of(email.toLowerCase(Locale.ROOT));
    }

    /**
     * Sets {@code doctor}'s login e-mail (lower-cased) and renews their
     * {@linkplain DoctorAttributes#LOGIN_EMAIL_STAMP login e-mail stamp}, so that every reset link
     * issued before is dead, whatever the address becomes later.
     *
     * @throws ModelDuplicateException when another account has it (nothing changed)
     */
    public static void assign(UserModel doctor, String email) {
        doctor.setEmail(email.toLowerCase(Locale.ROOT));
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        doctor.setSingleAttribute(DoctorAttributes.LOGIN_EMAIL_STAMP,
                Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** What a reset link binds besides the address: the stamp of the last change, "none" before any. */
    public static String stamp(UserModel doctor) {
        String stamp = doctor.getFirstAttribute(DoctorAttributes.LOGIN_EMAIL_STAMP);
        return stamp == null || stamp.isEmpty() ? "none" : stamp;
    }

    /**
     * Whether {@code email} is another account's login e-mail, or, when {@code includingOwn}, this
     * doctor's own (recovery: who knows it needs the password reset instead).
     */
    public static boolean isTaken(KeycloakSession session, RealmModel realm, UserModel doctor, String email,
                                  boolean includingOwn) {
        if (includingOwn && doctor.getEmail() != null && doctor.getEmail().equalsIgnoreCase(email)) {
            return true;
        }
        UserModel owner;
        try {
            owner = session.users().getUserByEmail(realm, email);
        } catch (ModelDuplicateException e) {
            return true;
        }
        return owner != null && !owner.getId().equals(doctor.getId());
    }

    /** The user whose login e-mail is {@code email}; null when none has it, or several do. */
    public static UserModel findUser(KeycloakSession session, RealmModel realm, String email) {
        try {
            return session.users().getUserByEmail(realm, email);
        } catch (ModelDuplicateException e) {
            return null;
        }
    }
}

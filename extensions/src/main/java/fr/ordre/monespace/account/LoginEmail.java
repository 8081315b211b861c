package fr.ordre.monespace.account;

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

    /** The user whose login e-mail is {@code email}; null when none has it, or several do. */
    public static UserModel findUser(KeycloakSession session, RealmModel realm, String email) {
        try {
            return session.users().getUserByEmail(realm, email);
        } catch (ModelDuplicateException e) {
            return null;
        }
    }
}

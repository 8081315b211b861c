package fr.ordre.monespace.journey;

import fr.ordre.monespace.account.EmailTakenAnswers;
import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.account.Passwords;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.policy.PolicyError;

/**
 * Screens 2.4a/2.4b/3.4: the login e-mail and password a doctor chooses, checked with the account
 * rules (login e-mail, password policy, the quota of "adresse déjà associée" answers).
 */
public final class CredentialsForm {

    public static final String FIELD_EMAIL = "email";
    public static final String FIELD_EMAIL_CONFIRM = "emailConfirm";
    public static final String FIELD_PASSWORD = "password";
    public static final String FIELD_PASSWORD_CONFIRM = "passwordConfirm";

    /** What the doctor typed; {@code email} is the fixed address when the screen does not ask for one. */
    public record Input(String email, String emailConfirm, String password, String passwordConfirm) {

        public static Input from(MultivaluedMap<String, String> form, String fixedEmail) {
            String email = fixedEmail != null ? fixedEmail : trim(form.getFirst(FIELD_EMAIL));
            String confirm = fixedEmail != null ? fixedEmail : trim(form.getFirst(FIELD_EMAIL_CONFIRM));
            return new Input(email, confirm, form.getFirst(FIELD_PASSWORD), form.getFirst(FIELD_PASSWORD_CONFIRM));
        }

        private static String trim(String value) {
            return value == null ? null : value.strip();
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public CredentialsForm(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param mustChangeEmail recovery: the current login e-mail is refused like another account's,
     *     since a doctor who knows it needs the password reset instead
     * @param takenAnswers the doctor's quota of "e-mail already used" answers; null when the e-mail
     *     is not typed but the correspondence address the code proved (2.4b), which probes nothing
     */
    public List<FormMessage> validate(UserModel doctor, Input input, boolean mustChangeEmail,
                                      EmailTakenAnswers takenAnswers) {
        List<FormMessage> errors = new ArrayList<>();
        String email = LoginEmail.parse(input.email()).orElse(null);
        if (email == null) {
            errors.add(new FormMessage(FIELD_EMAIL, "monespaceEmailInvalid"));
        } else if (input.emailConfirm() == null || !email.equalsIgnoreCase(input.emailConfirm())) {
            errors.add(new FormMessage(FIELD_EMAIL_CONFIRM, "monespaceEmailMismatch"));
        }
        String password = input.password();
        if (password == null || password.isEmpty()) {
            errors.add(new FormMessage(FIELD_PASSWORD, Passwords.REQUIRED));
        } else {
            PolicyError refusal = Passwords.refusal(session, realm, doctor, email, password);
            if (refusal != null) {
                errors.add(new FormMessage(FIELD_PASSWORD, refusal.getMessage(), refusal.getParameters()));
            }
            // An overlong password gets that refusal alone.
            if (password.length() <= Passwords.MAX_LENGTH
                    && (input.passwordConfirm() == null || !password.equals(input.passwordConfirm()))) {
                errors.add(new FormMessage(FIELD_PASSWORD_CONFIRM, Passwords.MISMATCH));
            }
        }
        if (email != null && LoginEmail.isTaken(session, realm, doctor, email, mustChangeEmail)) {
            FormMessage taken = takenAnswers == null ? new FormMessage(FIELD_EMAIL, EmailTakenAnswers.TAKEN)
                    : takenAnswers.answer(doctor, FIELD_EMAIL, !errors.isEmpty());
            if (taken != null) {
                errors.add(0, taken);
            }
        }
        return errors;
    }
}

package fr.ordre.monespace.journey;

import fr.ordre.monespace.account.LoginEmail;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.UserModelDelegate;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;

/**
 * Screens 2.4a/2.4b/3.4: the login e-mail and password a doctor chooses. The realm password
 * policy is the authority; its refusal is shown next to the password field.
 */
public final class CredentialsStep {

    public static final String FIELD_EMAIL = "email";
    public static final String FIELD_EMAIL_CONFIRM = "emailConfirm";
    public static final String FIELD_PASSWORD = "password";
    public static final String FIELD_PASSWORD_CONFIRM = "passwordConfirm";
    public static final String EMAIL_TAKEN = "monespaceEmailTaken";
    public static final int MAX_PASSWORD = 1024;

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

    public CredentialsStep(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param mustChangeEmail recovery: the current login e-mail is refused like another account's,
     *     since a doctor who knows it needs the password reset instead
     */
    public List<FormMessage> validate(UserModel doctor, Input input, boolean mustChangeEmail) {
        List<FormMessage> errors = new ArrayList<>();
        String email = LoginEmail.parse(input.email()).orElse(null);
        if (email == null) {
            errors.add(new FormMessage(FIELD_EMAIL, "monespaceEmailInvalid"));
        } else {
            if (input.emailConfirm() == null || !email.equalsIgnoreCase(input.emailConfirm())) {
                errors.add(new FormMessage(FIELD_EMAIL_CONFIRM, "monespaceEmailMismatch"));
            }
            if (isTaken(doctor, email, mustChangeEmail)) {
                errors.add(new FormMessage(FIELD_EMAIL, EMAIL_TAKEN));
            }
        }
        String password = input.password();
        if (password == null || password.isEmpty()) {
            errors.add(new FormMessage(FIELD_PASSWORD, "monespacePasswordRequired"));
        } else {
            PolicyError refusal = passwordRefusal(session, realm, doctor, email, password);
            if (refusal != null) {
                errors.add(new FormMessage(FIELD_PASSWORD, refusal.getMessage(), refusal.getParameters()));
            }
            // An overlong password gets that refusal alone.
            if (password.length() <= MAX_PASSWORD
                    && (input.passwordConfirm() == null || !password.equals(input.passwordConfirm()))) {
                errors.add(new FormMessage(FIELD_PASSWORD_CONFIRM, "monespacePasswordMismatch"));
            }
        }
        return errors;
    }

    /** Whether {@code email} is another account's login e-mail (or, when asked, this doctor's own). */
    public boolean isTaken(UserModel doctor, String email, boolean mustChangeEmail) {
        if (mustChangeEmail && doctor.getEmail() != null && doctor.getEmail().equalsIgnoreCase(email)) {
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

    /**
     * Sets the login e-mail and password. Returns false, changing nothing that matters, when the
     * e-mail was taken in the meantime (the database's uniqueness is the last word).
     */
    public boolean apply(UserModel doctor, Input input, boolean emailVerified) {
        try {
            doctor.setEmail(input.email().toLowerCase(Locale.ROOT));
        } catch (ModelDuplicateException e) {
            return false;
        }
        doctor.setEmailVerified(emailVerified);
        doctor.credentialManager().updateCredential(UserCredentialModel.password(input.password(), false));
        return true;
    }

    /**
     * A new password and its confirmation, where only the password is set (the reset link's page,
     * the renewal of a portal password): the policy's refusal keyed on {@code passwordField}, else a
     * mismatch keyed on {@code confirmField}; empty when both are right.
     */
    public static List<FormMessage> newPasswordErrors(KeycloakSession session, RealmModel realm, UserModel doctor,
                                                      String password, String confirm, String passwordField,
                                                      String confirmField) {
        if (password == null || password.isEmpty()) {
            return List.of(new FormMessage(passwordField, "monespacePasswordRequired"));
        }
        PolicyError policy = passwordRefusal(session, realm, doctor, doctor.getEmail(), password);
        if (policy != null) {
            return List.of(new FormMessage(passwordField, policy.getMessage(), policy.getParameters()));
        }
        return password.equals(confirm) ? List.of() : List.of(new FormMessage(confirmField, "monespacePasswordMismatch"));
    }

    /**
     * Why {@code password} is refused for {@code doctor} whose login e-mail will be
     * {@code loginEmail}, or null: beyond {@link #MAX_PASSWORD} characters, else by the realm's
     * password policy.
     */
    public static PolicyError passwordRefusal(KeycloakSession session, RealmModel realm, UserModel doctor,
                                              String loginEmail, String password) {
        if (password.length() > MAX_PASSWORD) {
            return new PolicyError("invalidPasswordMaxLengthMessage", 128);
        }
        return session.getProvider(PasswordPolicyManagerProvider.class)
                .validate(realm, withEmail(doctor, loginEmail), password);
    }

    /** The doctor as the password policy must see them: with the e-mail they are choosing. */
    private static UserModel withEmail(UserModel doctor, String email) {
        return new UserModelDelegate(doctor) {
            @Override
            public String getEmail() {
                return email;
            }
        };
    }
}

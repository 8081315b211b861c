package fr.ordre.monespace.journey;

import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.limits.Attempt;
import fr.ordre.monespace.limits.Limit;
import fr.ordre.monespace.limits.Quota;
import fr.ordre.monespace.limits.Quotas;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
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
    /** Said instead of {@link #EMAIL_TAKEN} once the doctor's quota of such answers is used up. */
    public static final String EMAIL_TAKEN_THROTTLED = "monespaceEmailTakenThrottled";
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
     * @param emailTaken the doctor's quota of "e-mail already used" answers; null when the e-mail
     *     is not typed but the correspondence address the code proved (2.4b), which probes nothing
     */
    public List<FormMessage> validate(UserModel doctor, Input input, boolean mustChangeEmail, Limit emailTaken) {
        List<FormMessage> errors = new ArrayList<>();
        String email = LoginEmail.parse(input.email()).orElse(null);
        if (email == null) {
            errors.add(new FormMessage(FIELD_EMAIL, "monespaceEmailInvalid"));
        } else if (input.emailConfirm() == null || !email.equalsIgnoreCase(input.emailConfirm())) {
            errors.add(new FormMessage(FIELD_EMAIL_CONFIRM, "monespaceEmailMismatch"));
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
        if (email != null && isTaken(doctor, email, mustChangeEmail)) {
            FormMessage taken = emailTaken == null ? new FormMessage(FIELD_EMAIL, EMAIL_TAKEN)
                    : takenError(doctor, emailTaken, FIELD_EMAIL, !errors.isEmpty());
            if (taken != null) {
                errors.add(0, taken);
            }
        }
        return errors;
    }

    /**
     * What to say of a login e-mail that is taken, within the doctor's quota of such answers:
     * {@link #EMAIL_TAKEN} while a slot is left (each answer takes one), then
     * {@link #EMAIL_TAKEN_THROTTLED}. Once the quota is used up, nothing is said while
     * {@code otherErrors}: the form then reads exactly as with a free address, so wrong
     * confirmations cannot turn the refusal into an oracle either. Null: nothing to say.
     */
    public FormMessage takenError(UserModel doctor, Limit emailTaken, String field, boolean otherErrors) {
        Quota quota = new Quotas(session, realm).of(emailTaken, doctor.getId());
        if (otherErrors && quota.exhausted()) {
            return null;
        }
        Attempt answer = Attempt.claim(quota);
        if (answer.granted()) {
            answer.keep();
            return new FormMessage(field, EMAIL_TAKEN);
        }
        return otherErrors ? null : new FormMessage(field, EMAIL_TAKEN_THROTTLED);
    }

    /** Whether {@code errors} withheld a taken e-mail because the doctor's quota is used up. */
    public static boolean takenThrottled(List<FormMessage> errors) {
        return errors.stream().anyMatch(e -> EMAIL_TAKEN_THROTTLED.equals(e.getMessage()));
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
            LoginEmail.assign(doctor, input.email());
        } catch (ModelDuplicateException e) {
            return false;
        }
        doctor.setEmailVerified(emailVerified);
        doctor.credentialManager().updateCredential(UserCredentialModel.password(input.password(), false));
        return true;
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

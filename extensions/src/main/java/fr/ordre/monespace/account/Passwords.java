package fr.ordre.monespace.account;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.UserModelDelegate;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;

/**
 * The password rules every screen that sets one applies (creation, recovery, the reset link,
 * Paramètres): the realm's password policy is the authority, and an overlong password is refused
 * before any hashing.
 */
public final class Passwords {

    /** Longer input is refused without being hashed (the policy's own maximum is 128). */
    public static final int MAX_LENGTH = 1024;
    public static final String REQUIRED = "monespacePasswordRequired";
    public static final String MISMATCH = "monespacePasswordMismatch";

    private Passwords() {
    }

    /**
     * Why {@code password} is refused for {@code doctor} whose login e-mail will be
     * {@code loginEmail}, or null: beyond {@link #MAX_LENGTH} characters, else by the realm's
     * password policy.
     */
    public static PolicyError refusal(KeycloakSession session, RealmModel realm, UserModel doctor, String loginEmail,
                                      String password) {
        if (password.length() > MAX_LENGTH) {
            return new PolicyError("invalidPasswordMaxLengthMessage", 128);
        }
        return session.getProvider(PasswordPolicyManagerProvider.class)
                .validate(realm, withEmail(doctor, loginEmail), password);
    }

    /**
     * A new password and its confirmation (the reset link, Paramètres): missing, refused by the
     * policy (on {@code passwordField}), else not confirmed (on {@code confirmField}); empty when
     * accepted.
     */
    public static List<FormMessage> newPasswordErrors(KeycloakSession session, RealmModel realm, UserModel doctor,
                                                      String loginEmail, String password, String confirm,
                                                      String passwordField, String confirmField) {
        List<FormMessage> errors = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            errors.add(new FormMessage(passwordField, REQUIRED));
            return errors;
        }
        PolicyError policy = refusal(session, realm, doctor, loginEmail, password);
        if (policy != null) {
            errors.add(new FormMessage(passwordField, policy.getMessage(), policy.getParameters()));
        } else if (!password.equals(confirm)) {
            errors.add(new FormMessage(confirmField, MISMATCH));
        }
        return errors;
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

package fr.ordre.monespace.login;

import fr.ordre.monespace.flow.UserlessAuthenticator;
import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.legacy.renewal.PasswordRenewal;
import fr.ordre.monespace.mask.ContactMasking;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Login by login e-mail and password only (SPEC 1). A doctor's username is their public RPPS
 * number: it is never looked up here, so nobody can trip a doctor's lockout by typing it.
 * Every refusal shows the same message and spends the same password-hashing work.
 */
final class EmailPasswordForm implements UserlessAuthenticator {

    static final String FIELD_EMAIL = "username";
    static final String FIELD_PASSWORD = "password";
    /** One message for unknown e-mail, wrong password, disabled doctor and temporary lockout. */
    static final String GENERIC_ERROR = "monespaceInvalidCredentials";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(form(context, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        String email = LoginEmail.parse(input.getFirst(FIELD_EMAIL)).orElse(null);
        String password = input.getFirst(FIELD_PASSWORD);
        context.clearUser();

        UserModel user = email == null ? null : LoginEmail.findUser(context.getSession(), context.getRealm(), email);
        if (email != null) {
            context.getEvent().detail(Details.USERNAME, ContactMasking.email(email));
            // Read by Keycloak's brute-force log to find whom to count; only ever an e-mail here.
            context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, email);
        }
        if (user == null) {
            AuthenticatorUtils.dummyHash(context);
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.failureChallenge(AuthenticationFlowError.INVALID_USER, form(context, GENERIC_ERROR));
            return;
        }
        context.getEvent().user(user);
        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (lockout != null) {
            AuthenticatorUtils.dummyHash(context);
            context.getEvent().error(lockout);
            context.forceChallenge(form(context, GENERIC_ERROR));
            return;
        }
        // Read first: a successful verify of a portal hash re-hashes it (see legacy/renewal).
        boolean portalHash = PasswordRenewal.holdsPortalHash(user);
        boolean valid = password != null && !password.isEmpty()
                && user.credentialManager().isValid(UserCredentialModel.password(password));
        if (!valid) {
            context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
            // Counted by the brute-force detector: this authenticator's category is "password".
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form(context, GENERIC_ERROR));
            return;
        }
        if (!user.isEnabled()) {
            // A doctor disabled by the Ordinal sync; same answer as a wrong password.
            context.getEvent().error(Errors.USER_DISABLED);
            context.forceChallenge(form(context, GENERIC_ERROR));
            return;
        }
        if (portalHash) {
            PasswordRenewal.requireIfWeak(context.getSession(), context.getRealm(), user, password);
        }
        context.getAuthenticationSession().setAuthNote(AuthenticationManager.PASSWORD_VALIDATED, "true");
        context.setUser(user);
        context.success();
    }

    private static Response form(AuthenticationFlowContext context, String error) {
        var form = context.form().setExecution(context.getExecution().getId());
        if (error != null) {
            // A field error, as Keycloak's own username/password form gives: login.ftl shows it
            // once above the form and ties both fields to it (aria-invalid, aria-describedby).
            form.addError(new FormMessage(FIELD_EMAIL, error));
        }
        return form.createLoginUsernamePassword();
    }
}

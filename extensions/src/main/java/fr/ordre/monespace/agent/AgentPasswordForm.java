package fr.ordre.monespace.agent;

import fr.ordre.monespace.flow.UserlessAuthenticator;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * First step of the agents' sign-in: agent username and password. Anyone who is not an agent
 * (a doctor's RPPS or e-mail, an unknown name) gets the same answer as a wrong password after the
 * same hashing work, and nothing is counted against them: this page cannot lock a doctor out.
 * An agent's wrong passwords count in Keycloak's brute-force detector (category "password").
 */
final class AgentPasswordForm implements UserlessAuthenticator {

    static final String TEMPLATE = "monespace-agent-login.ftl";
    static final String FIELD_USERNAME = "username";
    static final String FIELD_PASSWORD = "password";
    static final String GENERIC_ERROR = "monespaceAgentInvalidCredentials";
    /** Usernames are short; anything longer is refused before any lookup. */
    private static final int MAX_USERNAME = 255;

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(form(context, null, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        String username = input.getFirst(FIELD_USERNAME);
        username = username == null || username.length() > MAX_USERNAME ? "" : username.strip();
        String password = input.getFirst(FIELD_PASSWORD);
        context.clearUser();

        UserModel user = username.isEmpty() ? null : context.getSession().users().getUserByUsername(context.getRealm(), username);
        if (user == null || user.getServiceAccountClientLink() != null || !Agents.isAgent(context.getRealm(), user)) {
            // Not an agent: no password check, no failure counted, no lockout of anyone.
            AuthenticatorUtils.dummyHash(context);
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.forceChallenge(form(context, username, GENERIC_ERROR));
            return;
        }
        context.getEvent().user(user).detail(Details.USERNAME, user.getUsername());
        // Read by the brute-force detector to find whom to count: only ever an agent's username.
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME,
                user.getUsername());
        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (lockout != null) {
            AuthenticatorUtils.dummyHash(context);
            context.getEvent().error(lockout);
            context.forceChallenge(form(context, username, GENERIC_ERROR));
            return;
        }
        boolean valid = password != null && !password.isEmpty()
                && user.credentialManager().isValid(UserCredentialModel.password(password));
        if (!valid) {
            context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form(context, username, GENERIC_ERROR));
            return;
        }
        if (!user.isEnabled()) {
            context.getEvent().error(Errors.USER_DISABLED);
            context.forceChallenge(form(context, username, GENERIC_ERROR));
            return;
        }
        context.setUser(user);
        context.success();
    }

    private static Response form(AuthenticationFlowContext context, String username, String error) {
        var form = context.form().setExecution(context.getExecution().getId());
        if (username != null) {
            form.setAttribute("agentUsername", username);
        }
        if (error != null) {
            form.addError(new FormMessage(FIELD_USERNAME, error));
        }
        return form.createForm(TEMPLATE);
    }
}

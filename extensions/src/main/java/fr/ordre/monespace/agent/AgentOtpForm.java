package fr.ordre.monespace.agent;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;

/**
 * Second step of the agents' sign-in: a code of the agent's TOTP app. An agent without one may pass
 * only while their account awaits its set-up ({@link AgentSetupFactory#ID}, set by the national
 * administrators), which enrols the app before any session starts; otherwise the sign-in stops.
 * Wrong codes count in Keycloak's brute-force detector (category "otp").
 */
final class AgentOtpForm implements Authenticator {

    static final String TEMPLATE = "monespace-agent-otp.ftl";
    static final String FIELD_CODE = "otp";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel agent = context.getUser();
        if (!Agents.isAgent(context.getRealm(), agent)) {
            // Only the agents' password form leads here; anything else is refused outright.
            context.failure(AuthenticationFlowError.INVALID_USER);
            return;
        }
        if (otpCredentials(agent).isEmpty()) {
            if (awaitsSetup(agent)) {
                context.success();
                return;
            }
            context.getEvent().user(agent).error(Errors.INVALID_USER_CREDENTIALS);
            context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED,
                    context.form().setError("monespaceAgentNoSecondFactor").createErrorPage(Response.Status.FORBIDDEN));
            return;
        }
        context.challenge(form(context, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        UserModel agent = context.getUser();
        String code = context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD_CODE);
        code = code == null ? "" : code.replace(" ", "");
        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(context, agent);
        if (lockout != null) {
            context.getEvent().user(agent).error(lockout);
            context.forceChallenge(form(context, "monespaceAgentInvalidCode"));
            return;
        }
        if (!code.matches("[0-9]{6,8}") || !valid(agent, code)) {
            context.getEvent().user(agent).error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form(context, "monespaceAgentInvalidCode"));
            return;
        }
        context.success();
    }

    private static boolean valid(UserModel agent, String code) {
        for (CredentialModel credential : otpCredentials(agent)) {
            if (agent.credentialManager().isValid(new UserCredentialModel(credential.getId(), OTPCredentialModel.TYPE, code))) {
                return true;
            }
        }
        return false;
    }

    static List<CredentialModel> otpCredentials(UserModel agent) {
        return agent.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
    }

    static boolean awaitsSetup(UserModel agent) {
        return agent.getRequiredActionsStream().anyMatch(AgentSetupFactory.ID::equals);
    }

    private static Response form(AuthenticationFlowContext context, String error) {
        var form = context.form().setExecution(context.getExecution().getId());
        if (error != null) {
            form.addError(new FormMessage(FIELD_CODE, error));
        }
        return form.createForm(TEMPLATE);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        // Decided in authenticate(): a missing app stops the sign-in instead of asking Keycloak to
        // add a (disabled) stock set-up action and let the agent through.
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}

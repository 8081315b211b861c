package fr.ordre.monespace.agent;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.HmacOTP;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.utils.CredentialHelper;
import org.keycloak.utils.TotpUtils;

/**
 * Puts a new (or reset) agent account in service, before its first session: the agent replaces
 * the temporary password the national administrators gave and enrols a TOTP app (QR code or key,
 * then one code of it, which proves the enrolment). Never application-initiated: no {@code
 * kc_action} can start it, and it refuses anyone who is not an agent, so it opens no second-factor
 * set-up to doctors (Keycloak's own CONFIGURE_TOTP stays disabled).
 */
final class AgentSetup implements RequiredActionProvider {

    static final String TEMPLATE = "monespace-agent-setup.ftl";
    static final String FIELD_PASSWORD = "password-new";
    static final String FIELD_CONFIRM = "password-confirm";
    static final String FIELD_CODE = "totp";
    /** The secret shown, kept in the authentication session while the agent fills the form. */
    private static final String SECRET_NOTE = "monespace-agent-totp-secret";
    private static final int SECRET_LENGTH = 20;

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.NOT_SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (!Agents.isAgent(context.getRealm(), context.getUser())) {
            refuse(context);
            return;
        }
        context.challenge(form(context, List.of()).createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel agent = context.getUser();
        if (!Agents.isAgent(realm, agent)) {
            refuse(context);
            return;
        }
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        String password = input.getFirst(FIELD_PASSWORD);
        String confirm = input.getFirst(FIELD_CONFIRM);
        String code = input.getFirst(FIELD_CODE);
        code = code == null ? "" : code.replace(" ", "");

        List<FormMessage> errors = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            errors.add(new FormMessage(FIELD_PASSWORD, "monespacePasswordRequired"));
        } else {
            PolicyError policy = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, agent, password);
            if (policy != null) {
                errors.add(new FormMessage(FIELD_PASSWORD, policy.getMessage(), policy.getParameters()));
            } else if (!password.equals(confirm)) {
                errors.add(new FormMessage(FIELD_CONFIRM, "monespacePasswordMismatch"));
            }
        }
        String secret = secret(context);
        OTPCredentialModel enrolled = OTPCredentialModel.createFromPolicy(realm, secret, "MonEspace");
        List<String> previous = AgentOtpForm.otpCredentials(agent).stream().map(CredentialModel::getId).toList();
        if (!code.matches("[0-9]{6,8}")) {
            errors.add(new FormMessage(FIELD_CODE, "monespaceAgentInvalidCode"));
        } else if (errors.isEmpty() && !CredentialHelper.createOTPCredential(session, realm, agent, code, enrolled)) {
            // The credential was stored before the code was checked: take it back.
            AgentOtpForm.otpCredentials(agent).stream().filter(c -> !previous.contains(c.getId()))
                    .forEach(c -> agent.credentialManager().removeStoredCredentialById(c.getId()));
            errors.add(new FormMessage(FIELD_CODE, "monespaceAgentInvalidCode"));
        }
        if (!errors.isEmpty()) {
            context.getEvent().clone().event(EventType.UPDATE_TOTP).user(agent).error(Errors.INVALID_USER_CREDENTIALS);
            context.challenge(form(context, errors).createForm(TEMPLATE));
            return;
        }
        // One app per agent: a reset account's former app stops working.
        previous.forEach(agent.credentialManager()::removeStoredCredentialById);
        agent.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        context.getAuthenticationSession().removeAuthNote(SECRET_NOTE);
        context.getEvent().clone().event(EventType.UPDATE_TOTP).user(agent).success();
        context.success();
    }

    private static void refuse(RequiredActionContext context) {
        context.getEvent().clone().event(EventType.UPDATE_TOTP).user(context.getUser()).error(Errors.NOT_ALLOWED);
        context.failure(Errors.NOT_ALLOWED);
    }

    private static String secret(RequiredActionContext context) {
        String secret = context.getAuthenticationSession().getAuthNote(SECRET_NOTE);
        if (secret == null) {
            secret = HmacOTP.generateSecret(SECRET_LENGTH);
            context.getAuthenticationSession().setAuthNote(SECRET_NOTE, secret);
        }
        return secret;
    }

    private static LoginFormsProvider form(RequiredActionContext context, List<FormMessage> errors) {
        String secret = secret(context);
        LoginFormsProvider form = context.form()
                .setAttribute("agentUsername", context.getUser().getUsername())
                .setAttribute("totpKey", TotpUtils.encode(secret))
                .setAttribute("totpQrCode", TotpUtils.qrCode(context.getSession(), secret, context.getRealm(), context.getUser()))
                .setAttribute("totpDigits", context.getRealm().getOTPPolicy().getDigits())
                .setAttribute("totpPeriod", context.getRealm().getOTPPolicy().getPeriod());
        errors.forEach(form::addError);
        return form;
    }

    @Override
    public void close() {
    }
}

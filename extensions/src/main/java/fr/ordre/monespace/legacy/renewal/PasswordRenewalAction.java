package fr.ordre.monespace.legacy.renewal;

import fr.ordre.monespace.account.PasswordChange;
import fr.ordre.monespace.account.Passwords;
import fr.ordre.monespace.contract.EventDetails;
import fr.ordre.monespace.contract.EventStep;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * "Renouvelez votre mot de passe": right after a login with a portal password the policy refuses,
 * the doctor chooses a new one on a Paramètres-style screen (strength indicator, login e-mail shown
 * read-only) before reaching MonEspace.
 *
 * <p>Never application-initiated: the doctor has just typed their password in this very flow, so
 * no current password is asked here; a client asking for it with {@code kc_action} would let
 * anyone holding a session change the password without it.
 */
final class PasswordRenewalAction implements RequiredActionProvider {

    static final String TEMPLATE = "monespace-password-renewal.ftl";
    static final String FIELD_PASSWORD = "password-new";
    static final String FIELD_CONFIRM = "password-confirm";
    /** Policy refusals are keyed "password", as on the reset link's page (same template macros). */
    static final String ERROR_FIELD_PASSWORD = "password";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.NOT_SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Set by the login form (PasswordRenewal.requireIfWeak): only it sees the password in clear.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(form(context).createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        UserModel doctor = context.getUser();
        String password = input.getFirst(FIELD_PASSWORD);
        List<FormMessage> errors = Passwords.newPasswordErrors(context.getSession(), context.getRealm(), doctor,
                doctor.getEmail(), password, input.getFirst(FIELD_CONFIRM), ERROR_FIELD_PASSWORD, FIELD_CONFIRM);
        if (!errors.isEmpty()) {
            LoginFormsProvider form = form(context);
            errors.forEach(form::addError);
            context.challenge(form.createForm(TEMPLATE));
            return;
        }
        // The doctor's session is created once this action succeeds: none of theirs is kept.
        PasswordChange.apply(context.getSession(), context.getRealm(), doctor, password, null);
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(doctor)
                .detail(EventDetails.RPPS, doctor.getUsername()).detail("credential_type", "password")
                .detail(EventDetails.STEP, EventStep.LEGACY_PASSWORD_RENEWED.label()).success();
        context.success();
    }

    private static LoginFormsProvider form(RequiredActionContext context) {
        return context.form()
                .setAttribute("monespaceLoginEmail", context.getUser().getEmail())
                .setAttribute("username", context.getUser().getUsername());
    }

    @Override
    public void close() {
    }
}

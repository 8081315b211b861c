package fr.ordre.monespace.reset;

import fr.ordre.monespace.account.PasswordChange;
import fr.ordre.monespace.account.Passwords;
import fr.ordre.monespace.contract.EventDetails;
import fr.ordre.monespace.contract.EventStep;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * Screen 4.2, reached from the reset link: "Vous venez d'utiliser votre lien de connexion
 * unique…", a new password with its confirmation, the login e-mail shown read-only. Saving signs
 * the doctor in and lands on the MonEspace home.
 */
final class NewPasswordForm {

    static final String TEMPLATE = "login-update-password.ftl";
    static final String FIELD_PASSWORD = "password-new";
    static final String FIELD_CONFIRM = "password-confirm";
    /** Policy errors are keyed "password", as Keycloak's own update-password page does. */
    static final String ERROR_FIELD_PASSWORD = "password";

    private final AuthenticationFlowContext context;
    private final UserModel doctor;

    NewPasswordForm(AuthenticationFlowContext context, UserModel doctor) {
        this.context = context;
        this.doctor = doctor;
    }

    Response show(boolean justOpened) {
        LoginFormsProvider form = form();
        if (justOpened) {
            form.setInfo("monespaceOneTimeLinkUsed");
        }
        return form.createForm(TEMPLATE);
    }

    /** Null once the password is saved and the flow has succeeded. */
    Response act() {
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        String password = input.getFirst(FIELD_PASSWORD);
        List<FormMessage> errors = Passwords.newPasswordErrors(context.getSession(), context.getRealm(), doctor,
                doctor.getEmail(), password, input.getFirst(FIELD_CONFIRM), ERROR_FIELD_PASSWORD, FIELD_CONFIRM);
        if (!errors.isEmpty()) {
            LoginFormsProvider form = form();
            errors.forEach(form::addError);
            return form.createForm(TEMPLATE);
        }
        PasswordChange.apply(context.getSession(), context.getRealm(), doctor, password, null);
        context.getEvent().clone().event(EventType.RESET_PASSWORD).user(doctor)
                .detail(EventDetails.RPPS, doctor.getUsername()).detail(EventDetails.STEP, EventStep.PASSWORD_RESET.label())
                .success();
        context.getAuthenticationSession().removeAuthNote(ResetAuthenticator.LINK_USER);
        context.setUser(doctor);
        context.success();
        return null;
    }

    private LoginFormsProvider form() {
        return context.form().setExecution(context.getExecution().getId())
                .setAttribute("monespaceLoginEmail", doctor.getEmail())
                .setAttribute("username", doctor.getUsername());
    }
}

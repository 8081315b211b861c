package fr.ordre.monespace.reset;

import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.account.PasswordStamp;
import fr.ordre.monespace.identity.DoctorDirectory;
import fr.ordre.monespace.config.ProviderConfig;
import fr.ordre.monespace.contract.EventDetails;
import fr.ordre.monespace.contract.EventError;
import fr.ordre.monespace.limits.Attempt;
import fr.ordre.monespace.limits.Limit;
import fr.ordre.monespace.limits.Limits;
import fr.ordre.monespace.limits.Quotas;
import fr.ordre.monespace.mask.ContactMasking;
import fr.ordre.monespace.texts.Wording;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Screen 4.1 "Réinitialiser votre mot de passe": the same neutral confirmation whether or not the
 * address has an espace, saying how long a link lives; when it has one, a single-use link valid
 * that long (the realm's lifespan of the link, 24 hours by default) goes to it.
 */
final class ResetRequestForm {

    static final String FIELD_EMAIL = "username";
    static final String SENT_TEMPLATE = "monespace-reset-sent.ftl";

    private final AuthenticationFlowContext context;

    ResetRequestForm(AuthenticationFlowContext context) {
        this.context = context;
    }

    Response show() {
        return form().createPasswordReset();
    }

    Response act() {
        String typed = context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD_EMAIL);
        String email = LoginEmail.parse(typed).orElse(null);
        if (email == null) {
            String error = typed == null || typed.isBlank() ? "monespaceEmailMissing" : "monespaceEmailInvalid";
            return form().addError(new FormMessage(FIELD_EMAIL, error)).createPasswordReset();
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // Shown again in the form; only ever an e-mail here, never an RPPS (see the login form).
        authSession.setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, email);
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        Limits limits = new Limits(ProviderConfig.of(context.getAuthenticatorConfig()));
        Quotas quotas = new Quotas(session, realm);
        Limit perEmail = limits.resetsPerEmail();
        Attempt request = Attempt.claim(quotas.of(perEmail, email),
                quotas.ofAddress(limits.resetsPerAddress(), context.getConnection().getRemoteAddr()));
        if (!request.granted()) {
            // Counted for every address typed, known or not: saying so reveals no account.
            context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD)
                    .detail(Details.USERNAME, ContactMasking.email(email))
                    .detail(EventDetails.THROTTLED, Limit.Kind.RESET.label()).error(EventError.RESET_THROTTLED.label());
            return form().setError("monespaceResetThrottled", wording().duration(perEmail.windowSeconds()))
                    .createPasswordReset();
        }
        request.keep();

        int validity = realm.getActionTokenGeneratedByUserLifespan(ResetLinkToken.TOKEN_TYPE);
        UserModel doctor = LoginEmail.findUser(session, realm, email);
        if (doctor != null && doctor.isEnabled() && DoctorDirectory.hasAccount(doctor)) {
            ResetLinkToken token = new ResetLinkToken(doctor.getId(), doctor.getEmail(), (int) (Time.currentTimeSeconds() + validity),
                    AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId(),
                    authSession.getClient().getClientId(), PasswordStamp.of(doctor),
                    LoginEmail.stamp(doctor));
            String link = context.getActionTokenUrl(token.serialize(session, realm, context.getUriInfo())).toString();
            ResetMail.sendLater(session, realm, doctor, link, validity);
            context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD).user(doctor)
                    .detail(EventDetails.RPPS, doctor.getUsername()).success();
        } else {
            context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD)
                    .detail(Details.USERNAME, ContactMasking.email(email)).error(Errors.USER_NOT_FOUND);
        }
        return form().setAttribute("linkValidity", wording().duration(validity)).createForm(SENT_TEMPLATE);
    }

    private Wording wording() {
        return Wording.login(context.getSession(), context.getRealm(), context.getUser());
    }

    private LoginFormsProvider form() {
        return context.form().setExecution(context.getExecution().getId());
    }
}

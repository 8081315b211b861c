package fr.ordre.monespace.settings;

import fr.ordre.monespace.account.EmailTakenAnswers;
import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.account.PasswordChange;
import fr.ordre.monespace.account.Passwords;
import fr.ordre.monespace.config.ProviderConfig;
import fr.ordre.monespace.contract.EventDetails;
import fr.ordre.monespace.contract.EventError;
import fr.ordre.monespace.delivery.DeliveryException;
import fr.ordre.monespace.delivery.Notices;
import fr.ordre.monespace.limits.Attempt;
import fr.ordre.monespace.limits.Limit;
import fr.ordre.monespace.limits.Limits;
import fr.ordre.monespace.limits.Quotas;
import fr.ordre.monespace.texts.Wording;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * "Paramètres / INFORMATIONS CONNEXION" (SPEC 5), opened from the home as an application-initiated
 * action. The current password is required for any change; a wrong one changes nothing and is
 * counted by the brute-force detector like a failed login (which it does not see by itself here),
 * and by the doctor's quota of wrong current passwords, which holds under simultaneous requests.
 * Its limits come from its own config (required-actions.yaml, realm/contract.yaml).
 */
final class SettingsAction implements RequiredActionProvider {

    static final String TEMPLATE = "monespace-settings.ftl";
    static final String FIELD_CURRENT = "currentPassword";
    static final String FIELD_NEW = "newPassword";
    static final String FIELD_CONFIRM = "newPasswordConfirm";
    static final String FIELD_EMAIL = "email";
    /** Changes suspended: by the brute-force detector, or the doctor's quota of wrong current passwords. */
    static final String LOCKED = "monespaceSettingsLocked";
    private static final Set<String> PASSWORD_CATEGORY = Set.of(PasswordCredentialModel.TYPE);

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(form(context, context.getUser().getEmail()).createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> input = context.getHttpRequest().getDecodedFormParameters();
        if ("cancel".equals(input.getFirst("action"))) {
            context.cancel();
            return;
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel doctor = context.getUser();
        String email = trim(input.getFirst(FIELD_EMAIL));
        String newPassword = input.getFirst(FIELD_NEW);
        boolean emailChanges = !email.isEmpty() && !email.equalsIgnoreCase(nullToEmpty(doctor.getEmail()));
        boolean passwordChanges = newPassword != null && !newPassword.isEmpty();
        String typedEmail = email.isEmpty() ? nullToEmpty(doctor.getEmail()) : email;

        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        if (realm.isBruteForceProtected() && protector.isTemporarilyDisabled(session, realm, doctor)) {
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(doctor)
                    .error(Errors.USER_TEMPORARILY_DISABLED);
            // The detector's longest wait: the doctor may well be let in before.
            answer(context, typedEmail, List.of(), LOCKED, wording(context).duration(realm.getMaxFailureWaitSeconds()));
            return;
        }
        if (!emailChanges && !passwordChanges) {
            answer(context, typedEmail, email.isEmpty()
                    ? List.of(new FormMessage(FIELD_EMAIL, "monespaceEmailInvalid")) : List.of(), "monespaceSettingsNothing");
            return;
        }
        String current = input.getFirst(FIELD_CURRENT);
        if (current == null || current.isEmpty()) {
            answer(context, typedEmail, List.of(new FormMessage(FIELD_CURRENT, "monespaceCurrentPasswordMissing")), null);
            return;
        }
        Limits limits = new Limits(ProviderConfig.of(context.getConfig()));
        Quotas quotas = new Quotas(session, realm);
        // The password is only checked holding a slot of the doctor's quota: simultaneous wrong
        // guesses cannot outrun the brute-force detector, which counts after the fact.
        Limit currentPassword = limits.currentPasswordPerDoctor();
        Attempt check = Attempt.claim(quotas.of(currentPassword, doctor.getId()));
        if (!check.granted()) {
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(doctor)
                    .detail(EventDetails.RPPS, doctor.getUsername())
                    .detail(EventDetails.THROTTLED, Limit.Kind.CURRENT_PASSWORD.label())
                    .error(EventError.CURRENT_PASSWORD_THROTTLED.label());
            answer(context, typedEmail, List.of(), LOCKED, wording(context).duration(currentPassword.windowSeconds()));
            return;
        }
        if (current.length() > Passwords.MAX_LENGTH
                || !doctor.credentialManager().isValid(UserCredentialModel.password(current))) {
            check.keep();
            if (realm.isBruteForceProtected()) {
                protector.failedLogin(realm, doctor, context.getConnection(), context.getUriInfo(), PASSWORD_CATEGORY);
            }
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(doctor)
                    .error(Errors.INVALID_USER_CREDENTIALS);
            answer(context, typedEmail, List.of(new FormMessage(FIELD_CURRENT, "monespaceCurrentPasswordWrong")), null);
            return;
        }
        check.refund();
        Limit emailTaken = limits.emailTakenPerDoctor();
        EmailTakenAnswers answers = new EmailTakenAnswers(quotas, emailTaken,
                () -> wording(context).duration(emailTaken.windowSeconds()));
        List<FormMessage> errors = validate(session, realm, doctor, input, email, emailChanges, passwordChanges,
                answers);
        if (EmailTakenAnswers.withheld(errors)) {
            context.getEvent().clone().event(EventType.UPDATE_EMAIL).user(doctor)
                    .detail(EventDetails.RPPS, doctor.getUsername())
                    .detail(EventDetails.THROTTLED, Limit.Kind.EMAIL_TAKEN.label())
                    .error(EventError.EMAIL_TAKEN_THROTTLED.label());
        }
        if (!errors.isEmpty()) {
            answer(context, typedEmail, errors, null);
            return;
        }
        if (realm.isBruteForceProtected()) {
            protector.successfulLogin(realm, doctor, context.getConnection(), context.getUriInfo(), PASSWORD_CATEGORY);
        }
        String failure = apply(context, doctor, email, emailChanges, passwordChanges ? newPassword : null);
        if (failure != null) {
            answer(context, typedEmail, List.of(), failure);
            return;
        }
        context.success();
    }

    private static List<FormMessage> validate(KeycloakSession session, RealmModel realm, UserModel doctor,
                                              MultivaluedMap<String, String> input, String email,
                                              boolean emailChanges, boolean passwordChanges,
                                              EmailTakenAnswers takenAnswers) {
        List<FormMessage> errors = new ArrayList<>();
        if (passwordChanges) {
            String loginEmail = emailChanges ? email : doctor.getEmail();
            errors.addAll(Passwords.newPasswordErrors(session, realm, doctor, loginEmail, input.getFirst(FIELD_NEW),
                    input.getFirst(FIELD_CONFIRM), FIELD_NEW, FIELD_CONFIRM));
        }
        if (emailChanges) {
            if (LoginEmail.parse(email).isEmpty()) {
                errors.add(0, new FormMessage(FIELD_EMAIL, "monespaceEmailInvalid"));
            } else if (LoginEmail.isTaken(session, realm, doctor, email, false)) {
                FormMessage taken = takenAnswers.answer(doctor, FIELD_EMAIL, !errors.isEmpty());
                if (taken != null) {
                    errors.add(0, taken);
                }
            }
        }
        return errors;
    }

    /** Applies the changes; returns the key of a global error (nothing changed) or null. */
    private static String apply(RequiredActionContext context, UserModel doctor, String email, boolean emailChanges,
                                String newPassword) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        if (emailChanges) {
            String previous = doctor.getEmail();
            try {
                if (previous != null) {
                    new Notices(session, realm).loginEmailChanged(doctor, previous);
                }
                LoginEmail.assign(doctor, email);
            } catch (DeliveryException e) {
                return "monespaceNoticeMailFailed";
            } catch (ModelDuplicateException e) {
                return "monespaceEmailTakenMeanwhile";
            }
            doctor.setEmailVerified(false);
            context.getEvent().clone().event(EventType.UPDATE_EMAIL).user(doctor)
                    .detail(EventDetails.RPPS, doctor.getUsername()).success();
        }
        if (newPassword != null) {
            var current = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
            String keep = current == null ? null : current.session().getId();
            PasswordChange.apply(session, realm, doctor, newPassword, keep);
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(doctor)
                    .detail(EventDetails.RPPS, doctor.getUsername()).detail("credential_type", "password").success();
        }
        return null;
    }

    private static void answer(RequiredActionContext context, String email, List<FormMessage> errors, String global,
                               Object... params) {
        LoginFormsProvider form = form(context, email);
        errors.forEach(form::addError);
        if (global != null) {
            form.setError(global, params);
        }
        context.challenge(form.createForm(TEMPLATE));
    }

    /** The page's language: the signed-in doctor's. */
    private static Wording wording(RequiredActionContext context) {
        return Wording.login(context.getSession(), context.getRealm(), context.getUser());
    }

    private static LoginFormsProvider form(RequiredActionContext context, String email) {
        return context.form().setAttribute("settingsEmail", nullToEmpty(email))
                .setAttribute("username", context.getUser().getUsername());
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public void close() {
    }
}

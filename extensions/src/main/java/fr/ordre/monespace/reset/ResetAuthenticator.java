package fr.ordre.monespace.reset;

import fr.ordre.monespace.flow.UserlessAuthenticator;
import fr.ordre.monespace.journey.Journey;
import fr.ordre.monespace.journey.JourneyMachine;
import fr.ordre.monespace.recovery.RecoveryRules;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The realm's reset-credentials flow: "Identifiants oubliés ?" leads to the password reset by
 * e-mail link (SPEC 4), and its link "Je ne connais plus mon adresse email" switches to the
 * recovery journey (SPEC 3). Which one a request belongs to is kept in an auth-session note.
 */
final class ResetAuthenticator implements UserlessAuthenticator {

    /** Set by {@link ResetLinkTokenHandler} once a valid link was opened: the doctor's id. */
    static final String LINK_USER = "monespace.reset.linkUser";
    static final String LINK_INVALID = "monespaceResetLinkInvalid";
    /** Query parameter of the 4.1 link that opens the recovery journey. */
    static final String JOURNEY_PARAM = "monespace_journey";
    private static final String MODE = "monespace.reset.mode";
    private static final RecoveryRules RECOVERY = new RecoveryRules();

    private enum Mode { REQUEST, RECOVERY, LINK }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel linkDoctor = linkDoctor(context);
        if (linkDoctor != null) {
            setMode(authSession, Mode.LINK);
            context.challenge(new NewPasswordForm(context, linkDoctor).show(true));
            return;
        }
        if (RecoveryRules.NAME.equals(context.getUriInfo().getQueryParameters().getFirst(JOURNEY_PARAM))) {
            setMode(authSession, Mode.RECOVERY);
        } else if (Journey.isEntry(context)) {
            setMode(authSession, Mode.REQUEST);
        }
        if (mode(authSession) == Mode.RECOVERY) {
            context.challenge(new JourneyMachine(context, RECOVERY).show());
        } else {
            context.challenge(new ResetRequestForm(context).show());
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Response response = switch (mode(context.getAuthenticationSession())) {
            case RECOVERY -> new JourneyMachine(context, RECOVERY).act();
            case LINK -> {
                UserModel doctor = linkDoctor(context);
                yield doctor == null ? new ResetRequestForm(context).show() : new NewPasswordForm(context, doctor).act();
            }
            case REQUEST -> new ResetRequestForm(context).act();
        };
        if (response != null) {
            context.challenge(response);
        }
    }

    private static UserModel linkDoctor(AuthenticationFlowContext context) {
        String id = context.getAuthenticationSession().getAuthNote(LINK_USER);
        if (id == null) {
            return null;
        }
        UserModel doctor = context.getSession().users().getUserById(context.getRealm(), id);
        return doctor != null && doctor.isEnabled() ? doctor : null;
    }

    private static Mode mode(AuthenticationSessionModel authSession) {
        String value = authSession.getAuthNote(MODE);
        return value == null ? Mode.REQUEST : Mode.valueOf(value);
    }

    private static void setMode(AuthenticationSessionModel authSession, Mode mode) {
        authSession.setAuthNote(MODE, mode.name());
    }
}

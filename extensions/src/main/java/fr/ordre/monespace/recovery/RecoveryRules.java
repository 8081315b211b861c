package fr.ordre.monespace.recovery;

import fr.ordre.monespace.account.Credentials;
import fr.ordre.monespace.account.Sessions;
import fr.ordre.monespace.contract.EventError;
import fr.ordre.monespace.contract.EventStep;
import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.ContactDetails;
import fr.ordre.monespace.delivery.DeliveryException;
import fr.ordre.monespace.delivery.Notices;
import fr.ordre.monespace.identity.IdentityMatch;
import fr.ordre.monespace.journey.Blocking;
import fr.ordre.monespace.journey.CredentialsForm;
import fr.ordre.monespace.journey.JourneyEvents;
import fr.ordre.monespace.journey.JourneyRules;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * "Récupérer votre espace" (SPEC 3): a doctor with an espace who no longer knows its login e-mail
 * proves who they are by SMS and chooses a new login e-mail and password.
 */
public final class RecoveryRules implements JourneyRules {

    public static final String NAME = "recovery";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventType identityErrorEvent() {
        return EventType.RESET_PASSWORD_ERROR;
    }

    /** SMS only: the doctor no longer knows which e-mail holds the account (SPEC 3.2). */
    @Override
    public List<Channel> channels() {
        return List.of(Channel.SMS);
    }

    @Override
    public Blocking afterMatch(IdentityMatch match, ContactDetails contacts) {
        if (!match.hasAccount()) {
            return Blocking.infoWithLink("monespaceNoEspaceYet", "monespaceNoEspaceYetLink", "creation",
                    EventError.BLOCKED_NO_ESPACE_YET);
        }
        if (!contacts.has(Channel.SMS)) {
            return Blocking.info("monespaceNoMobile", EventError.BLOCKED_NO_MOBILE);
        }
        return null;
    }

    @Override
    public String credentialsVariant(Channel channel) {
        return NAME;
    }

    @Override
    public boolean loginEmailProvenBy(Channel channel) {
        return false;
    }

    @Override
    public boolean mustChangeEmail() {
        return true;
    }

    @Override
    public String complete(AuthenticationFlowContext context, JourneyEvents events, UserModel doctor,
                           CredentialsForm.Input input, boolean emailProven, Channel channel) {
        String previous = doctor.getEmail();
        if (previous != null) {
            try {
                // The owner of the previous address must hear of it before it stops working.
                new Notices(context.getSession(), context.getRealm()).loginEmailChanged(doctor, previous);
            } catch (DeliveryException e) {
                return "monespaceNoticeMailFailed";
            }
        }
        if (!Credentials.set(doctor, input.email(), input.password(), false)) {
            return "monespaceEmailTakenMeanwhile";
        }
        Sessions.endOthers(context.getSession(), context.getRealm(), doctor, null);
        events.completed(EventType.RESET_PASSWORD, EventStep.RECOVERED, doctor, channel);
        return null;
    }
}

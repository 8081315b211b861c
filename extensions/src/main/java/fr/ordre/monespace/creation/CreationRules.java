package fr.ordre.monespace.creation;

import fr.ordre.monespace.account.Credentials;
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
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/** "Créer votre espace" (SPEC 2): for a doctor without an espace, by SMS or e-mail. */
public final class CreationRules implements JourneyRules {

    public static final String NAME = "creation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EventType identityErrorEvent() {
        return EventType.REGISTER_ERROR;
    }

    @Override
    public List<Channel> channels() {
        return List.of(Channel.SMS, Channel.EMAIL);
    }

    @Override
    public Blocking afterMatch(IdentityMatch match, ContactDetails contacts) {
        if (match.hasAccount()) {
            // SPEC 2.1: its last words link to the password reset.
            return Blocking.infoWithLink("monespaceAccountExists", "monespaceAccountExistsLink", "reset",
                    EventError.BLOCKED_ACCOUNT_EXISTS);
        }
        if (contacts.offered(channels()).isEmpty()) {
            return Blocking.info("monespaceNoContactDetails", EventError.BLOCKED_NO_CONTACT_DETAILS);
        }
        return null;
    }

    @Override
    public String credentialsVariant(Channel channel) {
        return channel == Channel.EMAIL ? "creation-email" : "creation-sms";
    }

    @Override
    public boolean loginEmailProvenBy(Channel channel) {
        return channel == Channel.EMAIL;
    }

    @Override
    public boolean mustChangeEmail() {
        return false;
    }

    @Override
    public String complete(AuthenticationFlowContext context, JourneyEvents events, UserModel doctor,
                           CredentialsForm.Input input, boolean emailProven, Channel channel) {
        try {
            // Sent before the account changes: if the mail cannot go, nothing is half done.
            new Notices(context.getSession(), context.getRealm()).send(doctor, input.email(),
                    "monespaceCreatedSubject", "monespace-activated.ftl", Map.of("loginEmail", input.email()));
        } catch (DeliveryException e) {
            return "monespaceConfirmationMailFailed";
        }
        if (!Credentials.set(doctor, input.email(), input.password(), emailProven)) {
            return "monespaceEmailTakenMeanwhile";
        }
        events.completed(EventType.REGISTER, EventStep.ACTIVATED, doctor, channel);
        return null;
    }
}

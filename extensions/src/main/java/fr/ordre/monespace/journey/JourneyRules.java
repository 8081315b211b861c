package fr.ordre.monespace.journey;

import fr.ordre.monespace.delivery.Channel;
import fr.ordre.monespace.delivery.ContactDetails;
import fr.ordre.monespace.identity.IdentityMatch;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * What tells "Créer votre espace" (SPEC 2) and "Récupérer votre espace" (SPEC 3) apart; the
 * screens, codes, limits and "Retour" are the {@link JourneyMachine}'s, shared.
 */
public interface JourneyRules {

    /** {@code creation} or {@code recovery}: names the notes, the templates' texts and the events. */
    String name();

    /** Event type of an identity failure. */
    EventType identityErrorEvent();

    /** Channels a code may take, in the order offered. */
    List<Channel> channels();

    /** A blocking message once the identity matched (SPEC 2.1 / 3.1 tables), or null to go on. */
    Blocking afterMatch(IdentityMatch match, ContactDetails contacts);

    /** Template variant of the credentials screen after a code received on {@code channel}. */
    String credentialsVariant(Channel channel);

    /** Whether the login e-mail is fixed to the correspondence address proven by a code on {@code channel}. */
    boolean loginEmailProvenBy(Channel channel);

    /** Recovery refuses the doctor's current login e-mail: who knows it needs the password reset. */
    boolean mustChangeEmail();

    /**
     * Sends the e-mails that go with the change and applies it. Returns null on success, or the
     * key of a global error (nothing changed) the doctor can retry from.
     */
    String complete(AuthenticationFlowContext context, JourneyEvents events, UserModel doctor,
                    CredentialsForm.Input input, boolean emailProven, Channel channel);
}

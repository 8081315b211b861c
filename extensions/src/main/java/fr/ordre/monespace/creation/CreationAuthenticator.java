package fr.ordre.monespace.creation;

import fr.ordre.monespace.flow.UserlessAuthenticator;
import fr.ordre.monespace.journey.JourneyMachine;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * "Créer votre espace" (SPEC 2), bound as the realm's registration flow: the doctors already
 * exist (synced from Ordinal), so this authenticator activates one instead of registering a user.
 */
final class CreationAuthenticator implements UserlessAuthenticator {

    private static final CreationRules RULES = new CreationRules();

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(new JourneyMachine(context, RULES).show());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Response response = new JourneyMachine(context, RULES).act();
        if (response != null) {
            context.challenge(response);
        }
    }
}

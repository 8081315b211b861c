package fr.ordre.monespace.creation;

import fr.ordre.monespace.journey.JourneySettings;
import java.util.Objects;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * A doctor's limits outside a journey (Paramètres, the support endpoint): the journeys' (realm/
 * flows.yaml gives every flow the same), i.e. those of the creation authenticator in the realm's
 * registration flow, else the defaults.
 */
public final class DoctorLimits {

    private DoctorLimits() {
    }

    public static JourneySettings of(RealmModel realm) {
        AuthenticationFlowModel flow = realm.getRegistrationFlow();
        AuthenticatorConfigModel config = flow == null ? null : realm.getAuthenticationExecutionsStream(flow.getId())
                .filter(e -> CreationAuthenticatorFactory.ID.equals(e.getAuthenticator()))
                .map(AuthenticationExecutionModel::getAuthenticatorConfig)
                .filter(Objects::nonNull)
                .map(realm::getAuthenticatorConfigById)
                .filter(Objects::nonNull)
                .findFirst().orElse(null);
        return JourneySettings.from(config);
    }
}

package fr.ordre.monespace.flow;

import org.keycloak.Config;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;

/** Factory defaults of MonEspace's authenticators: one REQUIRED execution, no server-wide options. */
public interface RequiredAuthenticatorFactory extends AuthenticatorFactory {

    @Override
    default AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED};
    }

    @Override
    default boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}

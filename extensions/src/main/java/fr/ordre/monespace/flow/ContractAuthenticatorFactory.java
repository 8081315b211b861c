package fr.ordre.monespace.flow;

import fr.ordre.monespace.config.ProviderConfig;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What MonEspace's authenticator factories share: one stateless authenticator for every session,
 * one REQUIRED execution, no server-wide options, and the settings realm/contract.yaml gives the
 * provider's id (configurable when it gives any). The reference category is what Keycloak's
 * brute-force counting keys on: "password" or "otp" for a step whose failures must count.
 */
public abstract class ContractAuthenticatorFactory implements AuthenticatorFactory {

    private final String id;
    private final Authenticator authenticator;
    private final String displayType;
    private final String referenceCategory;
    private final String helpText;

    protected ContractAuthenticatorFactory(
            String id, Authenticator authenticator, String displayType, String referenceCategory, String helpText) {
        this.id = id;
        this.authenticator = authenticator;
        this.displayType = displayType;
        this.referenceCategory = referenceCategory;
        this.helpText = helpText;
    }

    @Override
    public final Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getDisplayType() {
        return displayType;
    }

    @Override
    public final String getReferenceCategory() {
        return referenceCategory;
    }

    @Override
    public final String getHelpText() {
        return helpText;
    }

    @Override
    public final boolean isConfigurable() {
        return !getConfigProperties().isEmpty();
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfig.properties(id);
    }

    @Override
    public final AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED};
    }

    @Override
    public final boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public final void init(Config.Scope config) {
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public final void close() {
    }
}

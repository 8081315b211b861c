package fr.ordre.monespace.flow;

import fr.ordre.monespace.config.ProviderConfig;
import fr.ordre.monespace.config.StatelessProviderFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What MonEspace's authenticator factories share: one stateless authenticator for every session,
 * one REQUIRED execution, no server-wide options, and the settings realm/contract.yaml gives the
 * provider's id (configurable when it gives any). The reference category is what Keycloak's
 * brute-force counting keys on: "password" or "otp" for a step whose failures must count.
 */
public abstract class ContractAuthenticatorFactory extends StatelessProviderFactory<Authenticator>
        implements AuthenticatorFactory {

    private final String displayType;
    private final String referenceCategory;
    private final String helpText;

    protected ContractAuthenticatorFactory(
            String id, Authenticator authenticator, String displayType, String referenceCategory, String helpText) {
        super(id, session -> authenticator);
        this.displayType = displayType;
        this.referenceCategory = referenceCategory;
        this.helpText = helpText;
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
        return ProviderConfig.properties(getId());
    }

    @Override
    public final AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED};
    }

    @Override
    public final boolean isUserSetupAllowed() {
        return false;
    }
}

package fr.ordre.monespace.config;

import java.util.List;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What MonEspace's required-action factories share: one stateless action for every session, no
 * server-wide options, and exactly the settings realm/contract.yaml gives the action's id, as the
 * authenticators declare theirs: not the max_auth_age setting RequiredActionFactory offers by
 * default, which no MonEspace action reads.
 */
public abstract class ContractActionFactory extends StatelessProviderFactory<RequiredActionProvider>
        implements RequiredActionFactory {

    private final String displayText;

    protected ContractActionFactory(String id, RequiredActionProvider action, String displayText) {
        super(id, session -> action);
        this.displayText = displayText;
    }

    @Override
    public final String getDisplayText() {
        return displayText;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfig.properties(getId());
    }
}

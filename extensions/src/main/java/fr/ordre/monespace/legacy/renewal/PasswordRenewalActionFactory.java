package fr.ordre.monespace.legacy.renewal;

import fr.ordre.monespace.config.ProviderConfig;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of the renewal of a weak portal password, required action {@code monespace-password-renewal} (realm/). */
public final class PasswordRenewalActionFactory implements RequiredActionFactory {

    public static final String ID = "monespace-password-renewal";
    private static final PasswordRenewalAction SINGLETON = new PasswordRenewalAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Renouvellement d'un mot de passe de l'ancien portail (MonEspace)";
    }

    /**
     * Its settings in realm/contract.yaml (none); not Keycloak's max_auth_age, which only bears on an
     * application-initiated action, and this one never is.
     */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfig.properties(ID);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}

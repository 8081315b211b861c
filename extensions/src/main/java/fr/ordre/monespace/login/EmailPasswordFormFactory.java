package fr.ordre.monespace.login;

import fr.ordre.monespace.flow.RequiredAuthenticatorFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of the login form; its "password" category is what makes Keycloak count failures. */
public final class EmailPasswordFormFactory implements RequiredAuthenticatorFactory {

    public static final String ID = "monespace-email-password-form";
    private static final EmailPasswordForm SINGLETON = new EmailPasswordForm();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "MonEspace: e-mail and password form";
    }

    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Login by login e-mail and password; an RPPS number is refused like any wrong identifier.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}

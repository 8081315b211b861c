package fr.ordre.monespace.login;

import fr.ordre.monespace.flow.ContractAuthenticatorFactory;
import org.keycloak.models.credential.PasswordCredentialModel;

/** Factory of the login form; its "password" category is what makes Keycloak count failures. */
public final class EmailPasswordFormFactory extends ContractAuthenticatorFactory {

    public static final String ID = "monespace-email-password-form";

    public EmailPasswordFormFactory() {
        super(ID, new EmailPasswordForm(), "MonEspace: e-mail and password form", PasswordCredentialModel.TYPE,
                "Login by login e-mail and password; an RPPS number is refused like any wrong identifier.");
    }
}

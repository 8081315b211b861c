package fr.ordre.monespace.reset;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * The single-use link of "Réinitialiser votre mot de passe" (SPEC 4): signed by the realm, valid
 * for the realm's {@code actionTokenGeneratedByUserLifespan.monespace-reset} (24 hours), bound to
 * the login e-mail and to the password it replaces.
 */
public final class ResetLinkToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "monespace-reset";

    @JsonProperty("pws")
    private String passwordStamp;

    ResetLinkToken(String userId, String email, int absoluteExpirationInSecs, String authSessionId, String clientId,
                   String passwordStamp) {
        super(userId, TOKEN_TYPE, absoluteExpirationInSecs, null, authSessionId);
        this.issuedFor = clientId;
        this.passwordStamp = passwordStamp;
        setEmail(email);
    }

    /** For Jackson. */
    private ResetLinkToken() {
    }

    public String getPasswordStamp() {
        return passwordStamp;
    }
}

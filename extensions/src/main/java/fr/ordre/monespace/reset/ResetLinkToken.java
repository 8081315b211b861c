package fr.ordre.monespace.reset;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * The single-use link of "Réinitialiser votre mot de passe" (SPEC 4): signed by the realm, valid
 * for the realm's {@code actionTokenGeneratedByUserLifespan.monespace-reset} (24 hours), bound to
 * the login e-mail, to the stamp of its last change (so A → B → A does not revive it) and to the
 * password it replaces.
 */
public final class ResetLinkToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "monespace-reset";

    @JsonProperty("pws")
    private String passwordStamp;

    @JsonProperty("les")
    private String loginEmailStamp;

    ResetLinkToken(String userId, String email, int absoluteExpirationInSecs, String authSessionId, String clientId,
                   String passwordStamp, String loginEmailStamp) {
        super(userId, TOKEN_TYPE, absoluteExpirationInSecs, null, authSessionId);
        this.issuedFor = clientId;
        this.passwordStamp = passwordStamp;
        this.loginEmailStamp = loginEmailStamp;
        setEmail(email);
    }

    /** For Jackson. */
    private ResetLinkToken() {
    }

    public String getPasswordStamp() {
        return passwordStamp;
    }

    public String getLoginEmailStamp() {
        return loginEmailStamp;
    }
}

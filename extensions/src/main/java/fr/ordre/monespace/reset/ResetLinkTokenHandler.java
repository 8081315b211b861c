package fr.ordre.monespace.reset;

import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.account.PasswordStamp;
import jakarta.ws.rs.core.Response;
import org.keycloak.TokenVerifier.Predicate;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.authentication.actiontoken.TokenUtils;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.services.resources.LoginActionsServiceChecks.IsActionRequired;
import org.keycloak.services.util.ResolveRelative;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Opens a reset link: checks it is still the doctor's (same login e-mail never changed since, same
 * password, enabled, unused) and continues the reset-credentials flow at screen 4.2. Keycloak's action-token
 * machinery checks the signature, the expiry and, on completion, burns the link.
 */
public final class ResetLinkTokenHandler extends AbstractActionTokenHandler<ResetLinkToken> {

    public ResetLinkTokenHandler() {
        super(ResetLinkToken.TOKEN_TYPE, ResetLinkToken.class, ResetAuthenticator.LINK_INVALID,
                EventType.RESET_PASSWORD, Errors.INVALID_TOKEN);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Predicate<? super ResetLinkToken>[] getVerifiers(ActionTokenContext<ResetLinkToken> tokenContext) {
        return TokenUtils.predicates(
                TokenUtils.checkThat(tokenContext.getRealm()::isResetPasswordAllowed, Errors.NOT_ALLOWED,
                        ResetAuthenticator.LINK_INVALID),
                TokenUtils.<ResetLinkToken>checkThat(t -> sameLoginEmail(t, tokenContext), Errors.INVALID_EMAIL,
                        ResetAuthenticator.LINK_INVALID),
                TokenUtils.<ResetLinkToken>checkThat(t -> samePassword(t, tokenContext), Errors.INVALID_TOKEN,
                        ResetAuthenticator.LINK_INVALID),
                new IsActionRequired(tokenContext, AuthenticationSessionModel.Action.AUTHENTICATE));
    }

    /** The same address, and no change of it since the link was sent (even back to that address). */
    private static boolean sameLoginEmail(ResetLinkToken token, ActionTokenContext<ResetLinkToken> context) {
        UserModel doctor = context.getAuthenticationSession().getAuthenticatedUser();
        return doctor != null && doctor.getEmail() != null && doctor.getEmail().equalsIgnoreCase(token.getEmail())
                && LoginEmail.stamp(doctor).equals(token.getLoginEmailStamp());
    }

    private static boolean samePassword(ResetLinkToken token, ActionTokenContext<ResetLinkToken> context) {
        UserModel doctor = context.getAuthenticationSession().getAuthenticatedUser();
        return doctor != null && PasswordStamp.of(doctor).equals(token.getPasswordStamp());
    }

    @Override
    public boolean canUseTokenRepeatedly(ResetLinkToken token, ActionTokenContext<ResetLinkToken> tokenContext) {
        return false;
    }

    /**
     * A link opened in another browser (or after the 10-minute login timeout) starts a new session
     * for the home application, which is where the doctor lands once the password is set.
     */
    @Override
    public AuthenticationSessionModel startFreshAuthenticationSession(ResetLinkToken token,
                                                                      ActionTokenContext<ResetLinkToken> context) {
        AuthenticationSessionModel authSession = context.createAuthenticationSessionForClient(token.getIssuedFor());
        ClientModel client = authSession.getClient();
        String home = ResolveRelative.resolveRelativeUri(context.getSession(), client.getRootUrl(), client.getBaseUrl());
        if (home != null && !home.isBlank()) {
            authSession.setRedirectUri(home);
            authSession.setClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM, home);
        }
        return authSession;
    }

    @Override
    public Response handleToken(ResetLinkToken token, ActionTokenContext<ResetLinkToken> context) {
        context.getAuthenticationSession().setAuthNote(ResetAuthenticator.LINK_USER, token.getUserId());
        return context.processFlow(false, LoginActionsService.RESET_CREDENTIALS_PATH,
                context.getRealm().getResetCredentialsFlow(), null, new AuthenticationProcessor());
    }
}

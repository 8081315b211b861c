package fr.ordre.monespace.access;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.common.util.Encode;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.RealmManager;
import org.keycloak.services.resources.admin.AdminAuth;

/**
 * The caller of one of MonEspace's endpoints of a realm, from a bearer token that Keycloak's admin
 * REST API would accept for that realm: issued by the realm itself or by the administration realm,
 * checked with that realm's keys. Modelled on {@code AdminRoot.authenticateRealmAdminRequest}: no
 * token or an invalid one is 401; what the caller may then do is each endpoint's to decide (403).
 */
public final class AdminBearer {

    private AdminBearer() {
    }

    public static AdminAuth authenticate(KeycloakSession session, RealmModel target) {
        KeycloakContext context = session.getContext();
        HttpHeaders headers = context.getHttpRequest().getHttpHeaders();
        String tokenString = AppAuthManager.extractAuthorizationHeaderToken(headers);
        if (tokenString == null) {
            throw new NotAuthorizedException("Bearer");
        }
        RealmModel issuer = issuingRealm(session, tokenString, target);
        AuthenticationManager.AuthResult result;
        // The token's signature is checked with the keys of the realm in the context.
        context.setRealm(issuer);
        try {
            result = new AppAuthManager.BearerTokenAuthenticator(session)
                    .setRealm(issuer)
                    .setConnection(context.getConnection())
                    .setHeaders(headers)
                    .authenticate();
        } finally {
            context.setRealm(target);
        }
        if (result == null) {
            throw new NotAuthorizedException("Bearer");
        }
        return new AdminAuth(issuer, result.token(), result.user(), result.client());
    }

    /** The target realm or the administration realm, read from the (not yet verified) issuer. */
    private static RealmModel issuingRealm(KeycloakSession session, String tokenString, RealmModel target) {
        AccessToken token;
        try {
            token = new JWSInput(tokenString).readJsonContent(AccessToken.class);
        } catch (JWSInputException e) {
            throw new NotAuthorizedException("Bearer token format error");
        }
        String issuerUrl = token.getIssuer();
        if (issuerUrl == null) {
            throw new NotAuthorizedException("Bearer");
        }
        String name = Encode.decodePath(issuerUrl.substring(issuerUrl.lastIndexOf('/') + 1));
        if (name.equals(target.getName())) {
            return target;
        }
        RealmModel realm = session.realms().getRealmByName(name);
        if (realm == null || !RealmManager.isAdministrationRealm(realm)) {
            throw new NotAuthorizedException("Bearer");
        }
        return realm;
    }
}

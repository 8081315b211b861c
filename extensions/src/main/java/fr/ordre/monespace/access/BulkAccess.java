package fr.ordre.monespace.access;

import jakarta.ws.rs.ForbiddenException;
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
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Who may call one of MonEspace's bulk endpoints of a realm: a bearer token that Keycloak's admin
 * REST API would accept for that realm (issued by the realm itself or by the administration realm),
 * whose holder either has the endpoint's realm role (the least-privilege service account of the
 * Ordinal sync, or of the legacy import) or may already manage the realm's users through the admin
 * API (so the endpoint grants nothing new).
 *
 * <p>Modelled on {@code AdminRoot.authenticateRealmAdminRequest}: no token or an invalid one is
 * 401, a valid token without the right is 403.
 */
public final class BulkAccess {

    private final KeycloakSession session;
    private final String role;

    /** {@code role}: the realm role opening this endpoint (declared in realm/roles.yaml). */
    public BulkAccess(KeycloakSession session, String role) {
        this.session = session;
        this.role = role;
    }

    public AdminAuth require(RealmModel target) {
        KeycloakContext context = session.getContext();
        HttpHeaders headers = context.getHttpRequest().getHttpHeaders();
        String tokenString = AppAuthManager.extractAuthorizationHeaderToken(headers);
        if (tokenString == null) {
            throw new NotAuthorizedException("Bearer");
        }
        RealmModel issuer = issuingRealm(tokenString, target);
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
        AdminAuth caller = new AdminAuth(issuer, result.token(), result.user(), result.client());
        if (!allowed(caller, target)) {
            throw new ForbiddenException("the " + role + " role or the right to manage users is required");
        }
        return caller;
    }

    private boolean allowed(AdminAuth caller, RealmModel target) {
        if (caller.getRealm().getId().equals(target.getId()) && caller.hasRealmRole(role)) {
            return true;
        }
        return AdminPermissions.evaluator(session, target, caller).users().canManage();
    }

    /** The target realm or the administration realm, read from the (not yet verified) issuer. */
    private RealmModel issuingRealm(String tokenString, RealmModel target) {
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

package fr.ordre.monespace.sync;

import java.util.List;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Ends every session of a doctor the sync disables, as the admin API's "sign out" does: tokens
 * issued before now are refused, online sessions are logged out (clients told through back-channel
 * logout), offline sessions are removed so that a later re-enable does not revive them.
 */
final class SessionTermination {

    private final KeycloakSession session;
    private final RealmModel realm;

    SessionTermination(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Returns how many sessions (online and offline) were ended. */
    int endAll(UserModel user) {
        session.users().setNotBeforeForUser(realm, user, (int) Time.currentTimeSeconds());
        KeycloakContext context = session.getContext();
        // Collected first: logging out removes sessions from the stream's source.
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).toList();
        online.forEach(userSession -> AuthenticationManager.backchannelLogout(session, realm, userSession,
                context.getUri(), context.getConnection(), context.getHttpRequest().getHttpHeaders(), true));
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        offline.forEach(userSession -> session.sessions().removeOfflineUserSession(realm, userSession));
        return online.size() + offline.size();
    }
}

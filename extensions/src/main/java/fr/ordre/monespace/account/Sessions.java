package fr.ordre.monespace.account;

import java.util.List;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Ends a doctor's sessions after their login e-mail or password changed, so a device or person
 * who knew the old ones loses access: their refresh tokens stop working at once.
 */
public final class Sessions {

    private Sessions() {
    }

    /**
     * Ends every session of {@code doctor} except {@code keepSessionId} (null keeps none): online
     * sessions are logged out with their clients told through back-channel logout, offline ones
     * removed. Returns how many sessions were ended.
     */
    public static int endOthers(KeycloakSession session, RealmModel realm, UserModel doctor, String keepSessionId) {
        // Collected first: logging out removes sessions from the stream's source.
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, doctor)
                .filter(s -> !s.getId().equals(keepSessionId)).toList();
        for (UserSessionModel userSession : online) {
            AuthenticationManager.backchannelLogout(session, userSession, true);
        }
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, doctor).toList();
        for (UserSessionModel userSession : offline) {
            session.sessions().removeOfflineUserSession(realm, userSession);
        }
        return online.size() + offline.size();
    }

    /**
     * Ends every session of {@code doctor}, as the admin API's "sign out" does: tokens issued
     * before now are refused, online sessions are logged out (clients told through back-channel
     * logout), offline sessions are removed so that a later re-enable does not revive them.
     * Returns how many sessions (online and offline) were ended.
     */
    public static int endAll(KeycloakSession session, RealmModel realm, UserModel doctor) {
        session.users().setNotBeforeForUser(realm, doctor, (int) Time.currentTimeSeconds());
        return endOthers(session, realm, doctor, null);
    }
}

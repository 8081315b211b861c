package fr.ordre.monespace.sync;

import fr.ordre.monespace.account.Sessions;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

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
        return Sessions.endOthers(session, realm, user, null);
    }
}

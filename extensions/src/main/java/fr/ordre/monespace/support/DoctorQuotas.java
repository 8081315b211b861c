package fr.ordre.monespace.support;

import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.limits.Limit;
import fr.ordre.monespace.limits.Limits;
import fr.ordre.monespace.limits.Quota;
import fr.ordre.monespace.limits.Quotas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Every lock and limit that can stop one doctor, as support agents see and lift them: the quotas
 * of MonEspace's single-use store keyed on the doctor (the store cannot be listed: each key is
 * computed from the RPPS, the user id or the login e-mail, as the flows compute it) and Keycloak's
 * own brute-force lockout of the login form. Per-address limits are not the doctor's and are not
 * shown.
 */
final class DoctorQuotas {

    /** Id of Keycloak's login lockout among the limits. */
    static final String LOGIN_LOCKOUT = "login-lockout";

    /** One of the doctor's limits: its store quota, or null for the login lockout. */
    record Named(String id, Limit limit, Quota quota) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel doctor;
    private final List<Named> quotas = new ArrayList<>();

    DoctorQuotas(KeycloakSession session, RealmModel realm, UserModel doctor) {
        this.session = session;
        this.realm = realm;
        this.doctor = doctor;
        Limits journeys = new Limits(RealmConfig.reset(realm));
        Quotas store = new Quotas(session, realm);
        String rpps = doctor.getUsername();
        add(store, journeys.identityPerRpps(), rpps);
        add(store, journeys.identityPerRppsDaily(), rpps);
        add(store, journeys.codeCooldown(), doctor.getId());
        add(store, journeys.codeSendsPerDoctor(), doctor.getId());
        add(store, journeys.wrongCodesPerDoctor(), doctor.getId());
        add(store, journeys.emailTakenPerDoctor(), doctor.getId());
        add(store, new Limits(RealmConfig.settings(realm)).currentPasswordPerDoctor(), doctor.getId());
        LoginEmail.parse(doctor.getEmail()).ifPresent(email -> add(store, journeys.resetsPerEmail(), email));
    }

    private void add(Quotas store, Limit limit, String subject) {
        if (limit != null) {
            quotas.add(new Named(limit.name(), limit, store.of(limit, subject)));
        }
    }

    /** The ids an agent may lift. */
    List<String> ids() {
        List<String> ids = new ArrayList<>(quotas.stream().map(Named::id).toList());
        ids.add(LOGIN_LOCKOUT);
        return ids;
    }

    /** What holds now (a lock, or events counted in a window), refusing ones first. */
    List<Map<String, Object>> report() {
        List<Map<String, Object>> held = new ArrayList<>();
        Map<String, Object> lockout = loginLockout();
        if (lockout != null) {
            held.add(lockout);
        }
        for (Named named : quotas) {
            var state = named.quota().state();
            if (!state.holds()) {
                continue;
            }
            Limit limit = named.limit();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", named.id());
            row.put("kind", limit.kind().label());
            row.put("max", limit.max());
            row.put("windowSeconds", limit.windowSeconds());
            row.put("used", state.used());
            row.put("locked", state.locked());
            row.put("refusing", state.refusing());
            row.put("until", seconds(state.refusing() ? state.refusesUntil() : state.allFree()));
            held.add(row);
        }
        held.sort((a, b) -> Boolean.compare((Boolean) b.get("refusing"), (Boolean) a.get("refusing")));
        return held;
    }

    /** Lifts the limits named (all of them when {@code ids} is empty); returns those that held something. */
    List<String> lift(List<String> ids) {
        List<String> lifted = new ArrayList<>();
        boolean all = ids.isEmpty();
        if ((all || ids.contains(LOGIN_LOCKOUT)) && loginLockout() != null) {
            session.loginFailures().removeUserLoginFailure(realm, doctor.getId());
            lifted.add(LOGIN_LOCKOUT);
        }
        for (Named named : quotas) {
            if (all || ids.contains(named.id())) {
                if (named.quota().state().holds()) {
                    lifted.add(named.id());
                }
                named.quota().lift();
            }
        }
        return lifted;
    }

    /** Keycloak's brute-force record of the login form, when it holds failures. */
    private Map<String, Object> loginLockout() {
        if (!realm.isBruteForceProtected()) {
            return null;
        }
        UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, doctor.getId());
        if (failures == null || failures.getNumFailures() == 0 && failures.getFailedLoginNotBefore() == 0) {
            return null;
        }
        boolean locked = session.getProvider(BruteForceProtector.class).isTemporarilyDisabled(session, realm, doctor);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", LOGIN_LOCKOUT);
        row.put("kind", "login");
        row.put("max", realm.getFailureFactor());
        row.put("windowSeconds", realm.getMaxDeltaTimeSeconds());
        row.put("used", failures.getNumFailures());
        row.put("locked", locked);
        row.put("refusing", locked);
        row.put("until", locked ? seconds(failures.getFailedLoginNotBefore()) : null);
        return row;
    }

    private static Long seconds(long epochSeconds) {
        return epochSeconds > 0 ? epochSeconds : null;
    }
}

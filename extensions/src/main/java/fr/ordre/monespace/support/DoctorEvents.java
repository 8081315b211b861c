package fr.ordre.monespace.support;

import fr.ordre.monespace.contract.EventDetails;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A doctor's last MonEspace events, as stored by Keycloak (realm eventsExpiration), reduced to
 * what an agent needs: when, what, the journey step, the channel, the limit that refused, never an
 * address, a code or a contact detail. Failed identity checks name no user (an RPPS typed with a
 * wrong birth date is not yet anyone's): they are found by the RPPS they carry, among the last
 * day's.
 */
final class DoctorEvents {

    /** Identity failures are looked for among this many of the realm's last day's. */
    private static final int IDENTITY_SCAN = 2000;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final EventType[] IDENTITY_ERRORS = {EventType.REGISTER_ERROR, EventType.RESET_PASSWORD_ERROR};

    private final EventStoreProvider store;
    private final RealmModel realm;

    DoctorEvents(KeycloakSession session, RealmModel realm) {
        this.store = session.getProvider(EventStoreProvider.class);
        this.realm = realm;
    }

    List<Map<String, Object>> recent(UserModel doctor, int max, long nowMillis) {
        Stream<Event> own = store.createQuery().realm(realm.getId()).user(doctor.getId())
                .orderByDescTime().maxResults(max).getResultStream();
        Stream<Event> identity = store.createQuery().realm(realm.getId()).type(IDENTITY_ERRORS)
                .fromDate(nowMillis - DAY_MILLIS).orderByDescTime().maxResults(IDENTITY_SCAN).getResultStream()
                .filter(e -> e.getUserId() == null && e.getDetails() != null
                        && doctor.getUsername().equals(e.getDetails().get(EventDetails.RPPS)));
        List<Event> events = new ArrayList<>(Stream.concat(own, identity).toList());
        events.sort(Comparator.comparingLong(Event::getTime).reversed());
        return events.stream().limit(max).map(DoctorEvents::row).toList();
    }

    List<Map<String, Object>> signIns(UserModel doctor, int max) {
        return store.createQuery().realm(realm.getId()).user(doctor.getId()).type(EventType.LOGIN)
                .orderByDescTime().maxResults(max).getResultStream().map(DoctorEvents::row).toList();
    }

    private static Map<String, Object> row(Event event) {
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("time", event.getTime());
        row.put("type", event.getType().name());
        row.put("error", event.getError());
        row.put("client", event.getClientId());
        row.put("journey", details.get(EventDetails.JOURNEY));
        row.put("step", details.get(EventDetails.STEP));
        row.put("channel", details.get(EventDetails.CHANNEL));
        row.put("throttled", details.get(EventDetails.THROTTLED));
        return row;
    }
}

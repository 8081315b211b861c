package fr.ordre.monespace.limits;

import java.util.Map;
import java.util.OptionalLong;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * {@link SlotStore} over Keycloak's single-use object store (the {@code actionTokens} cache,
 * shared by every node). {@code putIfAbsent} and {@code remove} go to the cache at once and are
 * atomic across nodes; {@code put} is written when the request's transaction commits, which
 * suits the notes (hints and times shown to the doctor) and nothing else.
 */
final class SingleUseSlotStore implements SlotStore {

    private static final String VALUE = "v";

    private final SingleUseObjectProvider store;

    SingleUseSlotStore(SingleUseObjectProvider store) {
        this.store = store;
    }

    @Override
    public boolean claim(String key, long lifespanSeconds) {
        return store.putIfAbsent(key, lifespanSeconds);
    }

    @Override
    public boolean isClaimed(String key) {
        return store.contains(key);
    }

    @Override
    public void release(String key) {
        store.remove(key);
    }

    @Override
    public void note(String key, long lifespanSeconds, long value) {
        store.put(key, Math.max(1, lifespanSeconds), Map.of(VALUE, Long.toString(value)));
    }

    @Override
    public OptionalLong noted(String key) {
        Map<String, String> notes = store.get(key);
        String value = notes == null ? null : notes.get(VALUE);
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

package fr.ordre.monespace.limits;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SlotStore} in memory with a clock the test moves: {@link #claim} is atomic like the
 * cluster's put-if-absent, entries expire at their lifespan. Counts the calls, as remote calls
 * would be counted on a cluster.
 */
public final class MemorySlotStore implements SlotStore {

    private record Entry(long expiresAt, long value) {
    }

    final AtomicLong now = new AtomicLong(1_000_000);
    final AtomicInteger calls = new AtomicInteger();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public boolean claim(String key, long lifespanSeconds) {
        calls.incrementAndGet();
        long at = now.get();
        boolean[] won = {false};
        entries.compute(key, (k, current) -> {
            if (current != null && current.expiresAt() > at) {
                return current;
            }
            won[0] = true;
            return new Entry(at + lifespanSeconds, 0);
        });
        return won[0];
    }

    @Override
    public boolean isClaimed(String key) {
        calls.incrementAndGet();
        return live(key) != null;
    }

    @Override
    public void release(String key) {
        calls.incrementAndGet();
        entries.remove(key);
    }

    @Override
    public void note(String key, long lifespanSeconds, long value) {
        calls.incrementAndGet();
        entries.put(key, new Entry(now.get() + lifespanSeconds, value));
    }

    @Override
    public OptionalLong noted(String key) {
        calls.incrementAndGet();
        Entry entry = live(key);
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.value());
    }

    /** Every key held now: what a look at the store would show. */
    Map<String, Entry> snapshot() {
        return Map.copyOf(entries);
    }

    public void advance(long seconds) {
        now.addAndGet(seconds);
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        return entry == null || entry.expiresAt() <= now.get() ? null : entry;
    }
}

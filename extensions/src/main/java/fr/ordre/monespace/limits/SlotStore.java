package fr.ordre.monespace.limits;

import java.util.OptionalLong;

/**
 * What a {@link Quota} needs of the store the cluster nodes share. Only {@link #claim} decides
 * anything: it must be atomic across nodes. The rest are reads and hints that can at worst make a
 * quota scan longer or refuse a little early, never let one more event through.
 */
public interface SlotStore {

    /** Takes {@code key} for {@code lifespanSeconds} if no one holds it: atomic, cluster-wide. */
    boolean claim(String key, long lifespanSeconds);

    boolean isClaimed(String key);

    void release(String key);

    /** Remembers a number under {@code key} for {@code lifespanSeconds} (last writer wins). */
    void note(String key, long lifespanSeconds, long value);

    OptionalLong noted(String key);
}

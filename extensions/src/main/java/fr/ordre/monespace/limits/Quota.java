package fr.ordre.monespace.limits;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * One {@link Limit} applied to one subject: {@code max} slots {@code <key>#1…#max} in the shared
 * store, each taken with the store's atomic put-if-absent for {@code windowSeconds}. An event may
 * happen only once it holds a slot, so simultaneous requests on any number of nodes get at most
 * {@code max} slots between them; a slot frees itself {@code windowSeconds} after it was taken
 * (a sliding window). A refused claim takes nothing.
 *
 * <p>Work per claim: one read and one put-if-absent while the quota has room; above
 * {@link #HINTED_FROM} slots the scan starts after the last slot taken, since slots free up in
 * the order they were taken, and a quota found full answers "full" from a one-second note. Below
 * it (the limits that protect one doctor), a note of when each slot was taken lets support
 * agents see when the quota frees up ({@link #state()}), and lift it ({@link #lift()}).
 */
public final class Quota {

    /** Larger quotas (per-address ones) start their scan from a hint instead of slot 1. */
    static final int HINTED_FROM = 8;
    /** How long a quota found full refuses at once, before scanning again. */
    static final long FULL_NOTE_SECONDS = 1;
    /** Suffix of the note holding when a slot (or the lock) was taken. */
    private static final String TAKEN_AT = "@";

    private final SlotStore store;
    private final Limit limit;
    private final String key;
    /** Seconds since the epoch (Keycloak's Time in a server, the store's clock in unit tests). */
    private final LongSupplier clock;

    Quota(SlotStore store, Limit limit, String key, LongSupplier clock) {
        this.store = store;
        this.limit = limit;
        this.key = key;
        this.clock = clock;
    }

    public Limit limit() {
        return limit;
    }

    /** Takes a free slot and returns its key; null when every slot is taken or the subject is locked. */
    String claim() {
        if (locked()) {
            return null;
        }
        boolean hinted = limit.max() > HINTED_FROM;
        if (hinted && store.noted(key + "#full").isPresent()) {
            return null;
        }
        int start = hinted ? (int) Math.floorMod(store.noted(key + "#next").orElse(0), limit.max()) : 0;
        for (int n = 0; n < limit.max(); n++) {
            int index = (start + n) % limit.max() + 1;
            String slot = slot(index);
            if (store.isClaimed(slot) || !store.claim(slot, limit.windowSeconds())) {
                continue;
            }
            if (locked()) {
                // The subject was locked while this request scanned: the lock wins.
                store.release(slot);
                return null;
            }
            if (hinted) {
                store.note(key + "#next", limit.windowSeconds(), index);
            } else {
                store.note(slot + TAKEN_AT, limit.windowSeconds(), clock.getAsLong());
            }
            return slot;
        }
        if (hinted) {
            store.note(key + "#full", FULL_NOTE_SECONDS, 1);
        }
        return null;
    }

    /**
     * Whether no slot is free now. A read, not a claim: for choosing what to show or whether to
     * start something, never for letting an event through.
     */
    public boolean exhausted() {
        return locked() || allTaken();
    }

    void release(String slot) {
        store.release(slot);
    }

    /**
     * After an event that counted: once every slot is taken, a locking limit locks the subject for
     * {@code lockSeconds} and empties its slots, so counting starts afresh when the lock ends.
     */
    void lockIfFull() {
        if (!limit.locks() || locked() || !allTaken()) {
            return;
        }
        // The lock goes first: a request that claims a slot emptied below then sees it and backs off.
        if (store.claim(key + "#lock", limit.lockSeconds())) {
            store.note(key + "#lock" + TAKEN_AT, limit.lockSeconds(), clock.getAsLong());
        }
        for (int index = 1; index <= limit.max(); index++) {
            store.release(slot(index));
        }
    }

    /**
     * What the quota holds now, for support agents: slots taken, the lock, and when they end
     * (0 where the store kept no time, e.g. a per-address quota). A read; decides nothing.
     */
    public QuotaState state() {
        boolean locked = locked();
        long lockEnds = locked ? endOf(key + "#lock", limit.lockSeconds()) : 0;
        int used = 0;
        long firstFrees = 0;
        long allFree = 0;
        for (int index = 1; index <= limit.max(); index++) {
            if (!store.isClaimed(slot(index))) {
                continue;
            }
            used++;
            long ends = endOf(slot(index), limit.windowSeconds());
            if (ends > 0) {
                firstFrees = firstFrees == 0 ? ends : Math.min(firstFrees, ends);
                allFree = Math.max(allFree, ends);
            }
        }
        return new QuotaState(limit, used, locked, lockEnds, firstFrees, allFree);
    }

    /** Frees every slot and ends the lock at once: the subject starts afresh (a support agent's action). */
    public void lift() {
        store.release(key + "#lock");
        for (int index = 1; index <= limit.max(); index++) {
            store.release(slot(index));
        }
        store.release(key + "#full");
        store.release(key + "#next");
        store.release(key + "#at");
    }

    private long endOf(String taken, long lifespanSeconds) {
        OptionalLong at = store.noted(taken + TAKEN_AT);
        return at.isPresent() ? at.getAsLong() + lifespanSeconds : 0;
    }

    /** Remembers that an event happened at {@code nowSeconds} (for {@link #secondsLeft}). */
    public void noteTime(long nowSeconds) {
        store.note(key + "#at", limit.windowSeconds(), nowSeconds);
    }

    /** Seconds until the window of the last noted event ends; the whole window when none is noted. */
    public long secondsLeft(long nowSeconds) {
        OptionalLong at = store.noted(key + "#at");
        long left = at.isPresent() ? at.getAsLong() + limit.windowSeconds() - nowSeconds : limit.windowSeconds();
        return Math.max(1, Math.min(limit.windowSeconds(), left));
    }

    private boolean allTaken() {
        for (int index = 1; index <= limit.max(); index++) {
            if (!store.isClaimed(slot(index))) {
                return false;
            }
        }
        return true;
    }

    private boolean locked() {
        return limit.locks() && store.isClaimed(key + "#lock");
    }

    private String slot(int index) {
        return key + "#" + index;
    }
}

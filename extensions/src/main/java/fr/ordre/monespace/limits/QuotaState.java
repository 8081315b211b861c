package fr.ordre.monespace.limits;

/**
 * A quota as it stands, for support agents ({@link Quota#state()}). Times are seconds since the
 * epoch; 0 where none applies or the store kept none.
 *
 * @param used         slots taken (events counted in the window)
 * @param locked       whether the subject is locked
 * @param lockEnds     when the lock ends
 * @param firstFrees   when the earliest slot taken frees itself
 * @param allFree      when the last slot taken frees itself
 */
public record QuotaState(Limit limit, int used, boolean locked, long lockEnds, long firstFrees, long allFree) {

    /** Whether the quota refuses the next event now (locked, or every slot taken). */
    public boolean refusing() {
        return locked || used >= limit.max();
    }

    /** Whether anything is held at all (a lock or a slot). */
    public boolean holds() {
        return locked || used > 0;
    }

    /** When the quota stops refusing: the lock's end, else the earliest slot's; 0 when not refusing. */
    public long refusesUntil() {
        if (locked) {
            return lockEnds;
        }
        return used >= limit.max() ? firstFrees : 0;
    }
}

package fr.ordre.monespace.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * An event that must fit in one or more quotas (say, per RPPS and per client address), holding
 * one slot of each. Claimed before the guarded work starts (the directory lookup, the SMS, the
 * password check), so that work never runs more often than the limits allow; then either
 * {@link #keep() kept} (the event counts) or {@link #refund() refunded} (it does not, e.g. a
 * matching identity or an SMS the gateway refused).
 */
public final class Attempt {

    private record Held(Quota quota, String slot) {
    }

    private final List<Held> held;
    private final Limit refusedBy;

    private Attempt(List<Held> held, Limit refusedBy) {
        this.held = held;
        this.refusedBy = refusedBy;
    }

    /**
     * Claims a slot of each quota, in order, or none: on the first quota without room, the slots
     * already taken are given back and that quota's limit is {@link #refusedBy()}.
     */
    public static Attempt claim(Quota... quotas) {
        List<Held> held = new ArrayList<>();
        for (Quota quota : quotas) {
            String slot = quota.claim();
            if (slot == null) {
                held.forEach(h -> h.quota().release(h.slot()));
                return new Attempt(List.of(), quota.limit());
            }
            held.add(new Held(quota, slot));
        }
        return new Attempt(List.copyOf(held), null);
    }

    public boolean granted() {
        return refusedBy == null;
    }

    /** The limit that refused the attempt; null when granted. */
    public Limit refusedBy() {
        return refusedBy;
    }

    /** The event did not count: its slots are free again at once. */
    public void refund() {
        held.forEach(h -> h.quota().release(h.slot()));
    }

    /** The event counted: its slots stay taken until their window ends, and full quotas lock. */
    public void keep() {
        held.forEach(h -> h.quota().lockIfFull());
    }
}

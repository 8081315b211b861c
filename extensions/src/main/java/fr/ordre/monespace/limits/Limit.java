package fr.ordre.monespace.limits;

/**
 * At most {@code max} events for one subject in any {@code windowSeconds}; when
 * {@code lockSeconds} is positive, reaching {@code max} also locks the subject for that long, after
 * which counting starts afresh.
 *
 * @param name part of the store keys: two limits with the same name count together (creation and
 *     recovery share theirs, so a doctor's limits hold across flows)
 * @param kind what the metric {@code monespace_throttled_total} and the events call a refusal
 */
public record Limit(String name, Kind kind, int max, long windowSeconds, long lockSeconds) {

    /** The label of {@code monespace_throttled_total{kind=…}} and of the events' throttle detail. */
    public enum Kind {
        IDENTITY("identity"),
        CODE("code"),
        WRONG_CODE("wrong_code"),
        RESET("reset"),
        EMAIL_TAKEN("email_taken"),
        CURRENT_PASSWORD("current_password");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Limit {
        if (name == null || name.isBlank() || kind == null || max < 1 || windowSeconds < 1 || lockSeconds < 0) {
            throw new IllegalArgumentException("invalid limit " + name + ": max and window must be at least 1");
        }
    }

    public Limit(String name, Kind kind, int max, long windowSeconds) {
        this(name, kind, max, windowSeconds, 0);
    }

    public boolean locks() {
        return lockSeconds > 0;
    }

    /** The longest a refusal by this limit lasts: its lock, else its window (what the texts say). */
    public long longestWaitSeconds() {
        return locks() ? lockSeconds : windowSeconds;
    }
}

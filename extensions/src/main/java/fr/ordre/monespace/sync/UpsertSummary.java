package fr.ordre.monespace.sync;

/** What one batch did; the answer to an upsert, and the line logged for it. */
final class UpsertSummary {

    int created;
    int updated;
    int unchanged;
    int disabled;
    int enabled;
    int sessionsEnded;

    void add(DoctorWriter.Outcome outcome) {
        switch (outcome.kind()) {
            case CREATED -> created++;
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
        }
        if (outcome.disabled()) {
            disabled++;
        }
        if (outcome.enabled()) {
            enabled++;
        }
        sessionsEnded += outcome.sessionsEnded();
    }

    Counts counts() {
        return new Counts(created, updated, unchanged, disabled, enabled, sessionsEnded);
    }

    /** The JSON answer. {@code enabled}: disabled users this batch enabled (re-enables). */
    record Counts(int created, int updated, int unchanged, int disabled, int enabled, int sessionsEnded) {
    }

    @Override
    public String toString() {
        return "created " + created + ", updated " + updated + ", unchanged " + unchanged + ", disabled " + disabled
                + ", enabled " + enabled + ", sessions ended " + sessionsEnded;
    }
}

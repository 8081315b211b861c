package fr.ordre.monespace.sync;

import java.util.List;

/**
 * One page of the doctors Keycloak holds, in username (RPPS) order: what the sync compares the
 * source with. {@code next} is the cursor of the following page ({@code after=next}), absent on
 * the last page.
 */
record ExportPage(List<ExportedDoctor> doctors, String next) {

    static final int DEFAULT_LIMIT = 5000;
    static final int MAX_LIMIT = 20000;

    /** {@code ordinalHash} and {@code ordinalStatus} are absent when the user has none. */
    record ExportedDoctor(String rpps, String ordinalHash, boolean enabled, String ordinalStatus) {
    }

    /** The page size to use for a requested {@code limit}. */
    static int limit(Integer requested) {
        if (requested == null || requested < 1) {
            return DEFAULT_LIMIT;
        }
        return Math.min(requested, MAX_LIMIT);
    }

    /** A page of at most {@code limit} doctors; a full page may be followed by another. */
    static ExportPage of(List<ExportedDoctor> doctors, int limit) {
        String next = doctors.size() < limit ? null : doctors.get(doctors.size() - 1).rpps();
        return new ExportPage(doctors, next);
    }
}

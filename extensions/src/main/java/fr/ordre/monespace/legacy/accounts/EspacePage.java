package fr.ordre.monespace.legacy.accounts;

import java.util.List;

/**
 * One page of the doctors' espaces in username (RPPS) order: what the import plans against.
 * {@code next} is the cursor of the following page ({@code after=next}), absent on the last page.
 */
record EspacePage(List<EspaceState.Exported> doctors, String next) {

    static final int DEFAULT_LIMIT = 5000;
    static final int MAX_LIMIT = 20000;

    static int limit(Integer requested) {
        return requested == null || requested < 1 ? DEFAULT_LIMIT : Math.min(requested, MAX_LIMIT);
    }

    /** A page of at most {@code limit} doctors; a full page may be followed by another. */
    static EspacePage of(List<EspaceState.Exported> doctors, int limit) {
        return new EspacePage(doctors, doctors.size() < limit ? null : doctors.get(doctors.size() - 1).rpps());
    }
}

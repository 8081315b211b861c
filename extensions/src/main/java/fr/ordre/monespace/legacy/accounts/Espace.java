package fr.ordre.monespace.legacy.accounts;

import java.util.Locale;

/** Where a doctor's espace stands, for the import. */
enum Espace {
    /** No password yet: the import may attach the portal account. */
    NONE,
    /** A portal hash imported earlier, never used since: a newer export may replace it. */
    LEGACY,
    /** A password of MonEspace's own (activated here, or imported and since signed in): never touched. */
    ACTIVE;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

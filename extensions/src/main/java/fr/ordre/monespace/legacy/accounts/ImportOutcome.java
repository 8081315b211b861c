package fr.ordre.monespace.legacy.accounts;

import java.util.Locale;

/** What the import did with one portal account; the last three leave the doctor untouched. */
enum ImportOutcome {
    /** Login e-mail and portal hash attached to a doctor without an espace. */
    IMPORTED,
    /** An earlier import, never used since, replaced by this export's e-mail or hash. */
    UPDATED,
    /** Already imported as it is. */
    UNCHANGED,
    /** Imported earlier and since signed in: MonEspace's own password now, kept. */
    MIGRATED,
    NO_DOCTOR,
    /** The doctor activated an espace in MonEspace: theirs, never overwritten. */
    ESPACE_ACTIVE,
    /** The e-mail is the login of another espace. */
    EMAIL_TAKEN;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Decides from what Keycloak holds: {@code emailOwner} is the username holding the e-mail, if any. */
    static ImportOutcome decide(PortalAccount account, EspaceState state, String emailOwner) {
        if (state == null) {
            return NO_DOCTOR;
        }
        if (state.espace() == Espace.ACTIVE) {
            return state.legacyAccount() != null ? MIGRATED : ESPACE_ACTIVE;
        }
        if (emailOwner != null && !emailOwner.equals(account.rpps())) {
            return EMAIL_TAKEN;
        }
        if (state.espace() == Espace.LEGACY && account.hash().equals(state.legacyHash())
                && account.email().equals(state.email()) && account.origin().equals(state.legacyAccount())) {
            return UNCHANGED;
        }
        return state.espace() == Espace.NONE ? IMPORTED : UPDATED;
    }
}

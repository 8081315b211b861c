package fr.ordre.monespace.legacy.accounts;

import fr.ordre.monespace.account.LoginEmail;
import fr.ordre.monespace.legacy.hash.LegacyScheme;
import java.util.Optional;

/** What the import did with one portal account; all but the first two leave the doctor untouched. */
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
    EMAIL_TAKEN,
    /** Not a login e-mail MonEspace accepts (see LoginEmail). */
    EMAIL_INVALID,
    /** Not a complete hash of a portal scheme: unknown, or truncated. */
    HASH_UNKNOWN_SCHEME;

    /**
     * Decides from the account itself, then from what Keycloak holds: {@code emailOwner} is the
     * username whose login e-mail this is, if any. The e-mail must come lower-cased, as stored.
     */
    static ImportOutcome decide(PortalAccount account, EspaceState state, String emailOwner) {
        if (account.email() == null || !LoginEmail.parse(account.email()).equals(Optional.of(account.email()))) {
            return EMAIL_INVALID;
        }
        if (LegacyScheme.ofHash(account.hash()).isEmpty()) {
            return HASH_UNKNOWN_SCHEME;
        }
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

package fr.ordre.monespace.limits;

import fr.ordre.monespace.config.ProviderConfig;
import fr.ordre.monespace.config.Setting;
import fr.ordre.monespace.limits.Limit.Kind;

/**
 * The limits MonEspace enforces, with the numbers a provider's config gives them. A limit that
 * protects a doctor has one name whatever the flow (creation, recovery, Paramètres), so its
 * slots count together across flows; realm/ gives every provider the same values.
 */
public final class Limits {

    private static final int DAY_SECONDS = 86_400;

    private final ProviderConfig config;

    public Limits(ProviderConfig config) {
        this.config = config;
    }

    /** Failed identity checks per RPPS: a burst locks the RPPS for a while. */
    public Limit identityPerRpps() {
        return new Limit("identity-rpps", Kind.IDENTITY, config.integer(Setting.IDENTITY_MAX_FAILURES),
                config.integer(Setting.IDENTITY_FAILURE_WINDOW_SECONDS), config.integer(Setting.IDENTITY_LOCKOUT_SECONDS));
    }

    /** Failed identity checks per RPPS per day: lockout after lockout cannot walk through the birth dates. */
    public Limit identityPerRppsDaily() {
        return new Limit("identity-rpps-day", Kind.IDENTITY, config.integer(Setting.IDENTITY_DAILY_MAX_FAILURES),
                DAY_SECONDS);
    }

    public Limit identityPerAddress() {
        return new Limit("identity-address", Kind.IDENTITY, config.integer(Setting.ADDRESS_MAX_FAILURES),
                config.integer(Setting.IDENTITY_FAILURE_WINDOW_SECONDS));
    }

    /** One code per doctor per cooldown, whatever the flow; null when the cooldown is 0. */
    public Limit codeCooldown() {
        int cooldown = config.integer(Setting.CODE_RESEND_COOLDOWN_SECONDS);
        return cooldown == 0 ? null : new Limit("code-cooldown", Kind.CODE, 1, cooldown);
    }

    /** The first code and {@code code_max_resends} more per doctor per send window. */
    public Limit codeSendsPerDoctor() {
        return new Limit("code-sends-doctor", Kind.CODE, 1 + config.integer(Setting.CODE_MAX_RESENDS),
                config.integer(Setting.CODE_SEND_WINDOW_SECONDS));
    }

    public Limit codeSendsPerAddress() {
        return new Limit("code-sends-address", Kind.CODE, config.integer(Setting.ADDRESS_MAX_CODE_SENDS),
                config.integer(Setting.CODE_SEND_WINDOW_SECONDS));
    }

    /** Wrong codes per doctor across every flow and code: a new flow brings no new tries. */
    public Limit wrongCodesPerDoctor() {
        return new Limit("wrong-codes-doctor", Kind.WRONG_CODE, config.integer(Setting.CODE_MAX_WRONG_PER_DOCTOR),
                config.integer(Setting.CODE_WRONG_WINDOW_SECONDS));
    }

    /** "Un compte est déjà associé à cette adresse mail" per doctor: not an oracle of login e-mails. */
    public Limit emailTakenPerDoctor() {
        return new Limit("email-taken-doctor", Kind.EMAIL_TAKEN, config.integer(Setting.EMAIL_TAKEN_MAX_ANSWERS),
                config.integer(Setting.EMAIL_TAKEN_WINDOW_SECONDS));
    }

    /** Wrong current passwords in Paramètres per doctor, on top of the brute-force detector. */
    public Limit currentPasswordPerDoctor() {
        return new Limit("current-password", Kind.CURRENT_PASSWORD,
                config.integer(Setting.SETTINGS_MAX_PASSWORD_FAILURES),
                config.integer(Setting.SETTINGS_PASSWORD_WINDOW_SECONDS));
    }

    /** Reset links per typed e-mail (SPEC 4.1): the form cannot flood a mailbox. */
    public Limit resetsPerEmail() {
        return new Limit("reset-email", Kind.RESET, config.integer(Setting.RESET_MAX_REQUESTS_PER_EMAIL),
                config.integer(Setting.RESET_WINDOW_SECONDS));
    }

    /** Reset requests per client address, IPv6 by its /64. */
    public Limit resetsPerAddress() {
        return new Limit("reset-address", Kind.RESET, config.integer(Setting.RESET_MAX_REQUESTS_PER_CLIENT),
                config.integer(Setting.RESET_WINDOW_SECONDS));
    }
}

package fr.ordre.monespace.config;

import fr.ordre.monespace.contract.Contract;
import java.util.Locale;

/**
 * The settings MonEspace's providers read from their config: each is the key of the same name in
 * realm/contract.yaml, which gives its default, its minimum and its help (ContractTest keeps this
 * list and the file's equal).
 */
public enum Setting {
    CODE_TTL_SECONDS,
    CODE_MAX_ATTEMPTS,
    CODE_RESEND_COOLDOWN_SECONDS,
    CODE_MAX_RESENDS,
    CODE_SEND_WINDOW_SECONDS,
    ADDRESS_MAX_CODE_SENDS,
    CODE_MAX_WRONG_PER_DOCTOR,
    CODE_WRONG_WINDOW_SECONDS,
    IDENTITY_MAX_FAILURES,
    IDENTITY_FAILURE_WINDOW_SECONDS,
    IDENTITY_LOCKOUT_SECONDS,
    IDENTITY_DAILY_MAX_FAILURES,
    ADDRESS_MAX_FAILURES,
    ACTIVE_STATUSES,
    EMAIL_TAKEN_MAX_ANSWERS,
    EMAIL_TAKEN_WINDOW_SECONDS,
    SETTINGS_MAX_PASSWORD_FAILURES,
    SETTINGS_PASSWORD_WINDOW_SECONDS,
    RESET_MAX_REQUESTS_PER_EMAIL,
    RESET_MAX_REQUESTS_PER_CLIENT,
    RESET_WINDOW_SECONDS;

    /** The config key, and the realm value that sets it: {@code code_ttl_seconds}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    Contract.Setting definition() {
        return Contract.shipped().setting(key());
    }
}

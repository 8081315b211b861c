package fr.ordre.monespace.contract;

/**
 * The event errors MonEspace sets (Keycloak's own, such as {@code user_not_found}, aside); the
 * metrics count them as the {@code reason} label.
 */
public enum EventError {
    /** Unknown RPPS, wrong birth date or inactive doctor: one error, as one message. */
    IDENTITY_MISMATCH("identity_mismatch"),
    IDENTITY_THROTTLED("identity_throttled"),
    /** The identity matched, but the screen's blocking message stops the journey. */
    BLOCKED_ACCOUNT_EXISTS("blocked_monespaceAccountExists"),
    BLOCKED_NO_CONTACT_DETAILS("blocked_monespaceNoContactDetails"),
    BLOCKED_NO_ESPACE_YET("blocked_monespaceNoEspaceYet"),
    BLOCKED_NO_MOBILE("blocked_monespaceNoMobile"),
    CODE_RESEND_TOO_EARLY("code_resend_too_early"),
    CODE_RESEND_CAP("code_resend_cap"),
    CODE_SENDS_THROTTLED("code_sends_throttled"),
    WRONG_CODES_THROTTLED("wrong_codes_throttled"),
    SMS_FAILED("sms_failed"),
    EMAIL_FAILED("email_failed"),
    INVALID_CODE("invalid_code"),
    CODE_EXHAUSTED("code_exhausted"),
    EXPIRED_CODE("expired_code"),
    EMAIL_TAKEN_THROTTLED("email_taken_throttled"),
    RESET_THROTTLED("reset_throttled"),
    CURRENT_PASSWORD_THROTTLED("current_password_throttled");

    private final String label;

    EventError(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

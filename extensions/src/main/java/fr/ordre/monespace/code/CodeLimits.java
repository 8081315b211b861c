package fr.ordre.monespace.code;

/** Limits of the one-time code (SPEC 0); defaults are the Ordre's, all configurable per flow. */
public record CodeLimits(int ttlSeconds, int maxAttempts, int resendCooldownSeconds, int maxResends) {

    public static final CodeLimits DEFAULTS = new CodeLimits(600, 5, 60, 3);

    public CodeLimits {
        if (ttlSeconds <= 0 || maxAttempts <= 0 || resendCooldownSeconds < 0 || maxResends < 0) {
            throw new IllegalArgumentException("code limits must be positive");
        }
    }
}

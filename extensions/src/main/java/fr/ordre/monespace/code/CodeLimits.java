package fr.ordre.monespace.code;

import fr.ordre.monespace.config.ProviderConfig;
import fr.ordre.monespace.config.Setting;

/** Limits of the one-time code of one flow (SPEC 0), as the provider's config sets them. */
public record CodeLimits(int ttlSeconds, int maxAttempts, int resendCooldownSeconds, int maxResends) {

    /** The Ordre's: realm/contract.yaml's defaults. */
    public static final CodeLimits DEFAULTS = of(ProviderConfig.defaults());

    public CodeLimits {
        if (ttlSeconds <= 0 || maxAttempts <= 0 || resendCooldownSeconds < 0 || maxResends < 0) {
            throw new IllegalArgumentException("code limits must be positive");
        }
    }

    public static CodeLimits of(ProviderConfig config) {
        return new CodeLimits(config.integer(Setting.CODE_TTL_SECONDS), config.integer(Setting.CODE_MAX_ATTEMPTS),
                config.integer(Setting.CODE_RESEND_COOLDOWN_SECONDS), config.integer(Setting.CODE_MAX_RESENDS));
    }
}

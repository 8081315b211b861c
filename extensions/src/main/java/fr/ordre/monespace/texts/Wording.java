package fr.ordre.monespace.texts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * The login theme's texts in one language, for what the extensions word themselves: the SMS, and
 * the durations the pages and mails state (a code's validity, a reset link's, how long a limit
 * holds), so that a text always says the configured value.
 */
public final class Wording {

    static final String SECONDS = "monespaceDurationSeconds";
    static final String MINUTES = "monespaceDurationMinutes";
    static final String HOURS = "monespaceDurationHours";
    static final String DAYS = "monespaceDurationDays";
    static final String AND = "monespaceDurationAnd";
    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;

    private final Properties messages;
    private final Locale locale;

    public Wording(Properties messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** The login theme's messages in {@code user}'s language (the request's, or the realm's default). */
    public static Wording login(KeycloakSession session, RealmModel realm, UserModel user) {
        Locale locale = session.getContext().resolveLocale(user);
        try {
            return new Wording(session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale), locale);
        } catch (IOException e) {
            throw new UncheckedIOException("login theme messages unavailable", e);
        }
    }

    /** The message {@code key} with its parameters; IllegalArgumentException when the theme lacks it. */
    public String format(String key, Object... args) {
        String pattern = messages.getProperty(key);
        if (pattern == null) {
            throw new IllegalArgumentException("message " + key + " missing from the login theme");
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /**
     * {@code seconds} in words, in its largest unit, hours up to two days (the SPEC's "24 heures"):
     * "45 secondes", "10 minutes", "1 heure", "24 heures", "3 jours"; a remainder is said in the
     * next unit down ("1 minute et 30 secondes", "1 heure et 30 minutes"), rounded up to whole
     * minutes past an hour and to whole hours past two days, so that a wait is never understated.
     */
    public String duration(long seconds) {
        long s = Math.max(0, seconds);
        if (s < MINUTE) {
            return format(SECONDS, s);
        }
        if (s < HOUR) {
            return join(MINUTES, s / MINUTE, SECONDS, s % MINUTE);
        }
        if (s < 2 * DAY) {
            long minutes = ceilDiv(s, MINUTE);
            return join(HOURS, minutes / 60, MINUTES, minutes % 60);
        }
        long hours = ceilDiv(s, HOUR);
        return join(DAYS, hours / 24, HOURS, hours % 24);
    }

    private String join(String unit, long count, String smaller, long rest) {
        String whole = format(unit, count);
        return rest == 0 ? whole : format(AND, whole, format(smaller, rest));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

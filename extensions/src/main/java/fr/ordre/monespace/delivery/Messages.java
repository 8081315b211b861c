package fr.ordre.monespace.delivery;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;

/** Texts from the login theme's message bundles, for messages that are not pages (the SMS). */
final class Messages {

    private Messages() {
    }

    static String format(KeycloakSession session, RealmModel realm, Locale locale, String key, Object... args)
            throws IOException {
        Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
        Properties messages = theme.getEnhancedMessages(realm, locale);
        String pattern = messages.getProperty(key);
        if (pattern == null) {
            throw new IOException("message " + key + " missing from the login theme");
        }
        return new MessageFormat(pattern, locale).format(args);
    }
}

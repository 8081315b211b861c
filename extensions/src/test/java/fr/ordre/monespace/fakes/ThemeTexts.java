package fr.ordre.monespace.fakes;

import fr.ordre.monespace.texts.Wording;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/** The login theme's real bundles (themes/monespace/login/messages), as Keycloak would load them. */
public final class ThemeTexts {

    private ThemeTexts() {
    }

    public static Wording wording(String language) {
        Properties messages = new Properties();
        Path file = Path.of("..", "themes", "monespace", "login", "messages", "messages_" + language + ".properties");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            messages.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Wording(messages, Locale.forLanguageTag(language));
    }
}

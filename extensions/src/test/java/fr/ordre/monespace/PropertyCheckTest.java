package fr.ordre.monespace;

import static fr.ordre.monespace.PropertyCheck.anyChar;
import static fr.ordre.monespace.PropertyCheck.forAllStrings;
import static fr.ordre.monespace.PropertyCheck.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The harness itself: a false property must fail, with a replayable seed and a shrunk value. */
class PropertyCheckTest {

    @Test
    void aFalsePropertyFailsWithTheSeedAndAShrunkValue() {
        AssertionError error = assertThrows(AssertionError.class,
                // At least 10 characters drawn, so the first value always fails and needs shrinking.
                () -> forAllStrings(text(anyChar(), 10, 30), s -> assertTrue(s.length() < 5, s)));
        assertTrue(error.getMessage().contains("-Dproperty.seed="), error.getMessage());
        assertTrue(error.getMessage().matches("(?s).*shrunk: \"(\\\\u[0-9a-f]{4}|\\\\[\"\\\\]|[^\"\\\\]){5}\".*"),
                error.getMessage());
    }

    /** The generators' whitespace is what strip() removes; the no-break spaces are what it keeps. */
    @Test
    void whitespaceAlphabetsMeanWhatTheySay() {
        for (char c : PropertyCheck.WHITESPACE.toCharArray()) {
            assertEquals("", String.valueOf(c).strip(), PropertyCheck.show(String.valueOf(c)));
        }
        for (char c : PropertyCheck.NO_BREAK_SPACES.toCharArray()) {
            assertFalse(String.valueOf(c).isBlank(), PropertyCheck.show(String.valueOf(c)));
        }
    }
}

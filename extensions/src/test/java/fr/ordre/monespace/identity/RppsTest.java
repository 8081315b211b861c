package fr.ordre.monespace.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RppsTest {

    /** 10003000006: Luhn over 11 digits is valid (a well-known test RPPS shape). */
    @Test
    void acceptsElevenDigitsWithValidLuhnKey() {
        assertEquals(Optional.of("10003000006"), Rpps.parse("10003000006"));
    }

    @Test
    void ignoresSurroundingAndInnerSpaces() {
        assertEquals(Optional.of("10003000006"), Rpps.parse("  10 00 30 00 006 "));
    }

    @Test
    void refusesWrongKey() {
        assertTrue(Rpps.parse("10003000007").isEmpty());
    }

    @Test
    void refusesLettersAndWrongLengths() {
        assertTrue(Rpps.parse("1000300000A").isEmpty());
        assertTrue(Rpps.parse("1000300000").isEmpty());
        assertTrue(Rpps.parse("100030000060").isEmpty());
        assertTrue(Rpps.parse("").isEmpty());
        assertTrue(Rpps.parse(null).isEmpty());
        assertTrue(Rpps.parse("١٠٠٠٣٠٠٠٠٠٦").isEmpty(), "non-ASCII digits are refused");
    }

    @Test
    void luhnDetectsEverySingleDigitError() {
        String valid = "10003000006";
        for (int i = 0; i < valid.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d == valid.charAt(i)) {
                    continue;
                }
                String typo = valid.substring(0, i) + d + valid.substring(i + 1);
                assertFalse(Rpps.hasValidLuhnKey(typo), typo);
            }
        }
    }
}

package fr.ordre.monespace.mask;

import static fr.ordre.monespace.PropertyCheck.anyChar;
import static fr.ordre.monespace.PropertyCheck.anyString;
import static fr.ordre.monespace.PropertyCheck.charOf;
import static fr.ordre.monespace.PropertyCheck.digits;
import static fr.ordre.monespace.PropertyCheck.forAll;
import static fr.ordre.monespace.PropertyCheck.forAllStrings;
import static fr.ordre.monespace.PropertyCheck.ints;
import static fr.ordre.monespace.PropertyCheck.oneOf;
import static fr.ordre.monespace.PropertyCheck.sampled;
import static fr.ordre.monespace.PropertyCheck.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ordre.monespace.PropertyCheck;
import fr.ordre.monespace.PropertyCheck.Gen;
import org.junit.jupiter.api.Test;

class ContactMaskingPropertiesTest {

    /** E.164: + and 7 to 15 digits (the class masks whatever the country code). */
    private static final Gen<String> PHONES = random -> "+" + digits(ints(7, 15).next(random)).next(random);

    @Test
    void aPhoneShowsItsStartAndLastTwoDigitsAndHidesAtLeastTwo() {
        forAll(PHONES, phone -> {
            String masked = ContactMasking.phone(phone);
            int stars = masked.indexOf("***");
            assertTrue(stars > 0 && masked.indexOf("***", stars + 1) < 0, masked);
            String head = masked.substring(0, stars);
            String tail = masked.substring(stars + 3);
            assertTrue(phone.startsWith(head), masked + " shows the start of " + phone);
            assertEquals(phone.substring(phone.length() - 2), tail, masked);
            // Country code (1 to 3 digits), then at most two national digits.
            assertTrue(head.length() - 1 <= 5, masked);
            int shown = head.length() - 1 + tail.length();
            assertTrue(shown <= phone.length() - 1 - 2, masked + " hides at least two digits of " + phone);
            assertFalse(masked.contains(phone), masked);
        });
    }

    /** The spec's own shape for French and overseas mobiles: +33 6 12 34 56 78 → +3361***78. */
    @Test
    void frenchAndOverseasMobilesShowCountryCodeTwoDigitsAndTheLastTwo() {
        forAll(random -> sampled("+336", "+337", "+262639", "+262692", "+590690", "+594694", "+596696")
                // Nine national digits after the country code.
                .map(start -> start + digits((start.startsWith("+33") ? 12 : 13) - start.length()).next(random))
                .next(random), phone -> {
            int cc = phone.startsWith("+33") ? 2 : 3;
            String expected = phone.substring(0, 1 + cc + 2) + "***" + phone.substring(phone.length() - 2);
            assertEquals(expected, ContactMasking.phone(phone));
        });
    }

    @Test
    void anyPhoneInputNeverThrowsAndAMalformedOneIsFullyMasked() {
        forAllStrings(oneOf(anyString(16), PHONES.map(p -> p.substring(1)),
                random -> "+" + anyString(12).next(random)), input -> {
            String masked = ContactMasking.phone(input);
            assertTrue(masked.contains("***"), masked);
            if (!input.startsWith("+") || input.length() < 8) {
                assertEquals("***", masked);
            }
        });
    }

    /** Local parts as the directory holds them (no *, which would read as part of the mask). */
    private static final Gen<String> LOCALS = text(charOf("abcdefghijklmnopqrstuvwxyz0123456789._+-"), 1, 20);
    private static final Gen<String> DOMAINS = random -> "@" + text(charOf("abcdefghijklmnopqrstuvwxyz"), 1, 10)
            .next(random) + sampled(".fr", ".medecin.fr", ".com").next(random);

    @Test
    void anEmailShowsItsDomainAndAtMostFourCharactersOfItsLocalPartNeverAll() {
        forAll(random -> LOCALS.next(random) + DOMAINS.next(random), email -> {
            int at = email.lastIndexOf('@');
            String local = email.substring(0, at);
            String masked = ContactMasking.email(email);
            assertTrue(masked.endsWith(email.substring(at)), masked + " keeps the domain");
            String shown = masked.substring(0, masked.length() - (email.length() - at));
            int stars = shown.indexOf("***");
            assertTrue(stars >= 0, masked);
            String head = shown.substring(0, stars);
            String tail = shown.substring(stars + 3);
            assertTrue(local.startsWith(head) && local.endsWith(tail), masked + " shows only the ends of " + local);
            assertTrue(head.length() <= 2 && tail.length() <= 2, masked);
            assertTrue(head.length() + tail.length() < local.length(), masked + " hides some of " + local);
        });
    }

    @Test
    void anyEmailInputNeverThrowsAndIsAlwaysMasked() {
        forAllStrings(oneOf(anyString(20), DOMAINS, random -> LOCALS.next(random) + DOMAINS.next(random),
                random -> text(oneOf(anyChar(), charOf("@")), 0, 12).next(random)), input -> {
            String masked = ContactMasking.email(input);
            assertTrue(masked.contains("***"), PropertyCheck.show(masked));
            if (input.indexOf('@') < 0) {
                assertEquals("***", masked);
            }
        });
    }
}

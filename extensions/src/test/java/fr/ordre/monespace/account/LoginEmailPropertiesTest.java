package fr.ordre.monespace.account;

import static fr.ordre.monespace.PropertyCheck.WHITESPACE;
import static fr.ordre.monespace.PropertyCheck.anyChar;
import static fr.ordre.monespace.PropertyCheck.anyString;
import static fr.ordre.monespace.PropertyCheck.charOf;
import static fr.ordre.monespace.PropertyCheck.forAll;
import static fr.ordre.monespace.PropertyCheck.forAllStrings;
import static fr.ordre.monespace.PropertyCheck.insertAt;
import static fr.ordre.monespace.PropertyCheck.ints;
import static fr.ordre.monespace.PropertyCheck.oneOf;
import static fr.ordre.monespace.PropertyCheck.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ordre.monespace.PropertyCheck;
import fr.ordre.monespace.PropertyCheck.Gen;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginEmailPropertiesTest {

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** Dot-atoms of RFC 5322 (every printable ASCII character but specials), 1 to 3 of them. */
    private static final Gen<String> LOCAL = text(oneOf(charOf(ALNUM), charOf("!#$%&'*+/=?^_`{|}~-")), 1, 10);

    private static final Gen<String> LABEL = random -> {
        String label = text(charOf(ALNUM), 1, 8).next(random);
        return label.length() > 2 && random.nextBoolean() ? insertAt(random, label, "-", 1, 1) : label;
    };

    /** A plain address, any case, with whitespace around. */
    private static final Gen<String> ADDRESSES = random -> {
        StringBuilder local = new StringBuilder(LOCAL.next(random));
        for (int n = random.nextInt(3); n > 0; n--) {
            local.append('.').append(LOCAL.next(random));
        }
        StringBuilder domain = new StringBuilder(LABEL.next(random));
        for (int n = random.nextInt(3); n > 0; n--) {
            domain.append('.').append(LABEL.next(random));
        }
        Gen<String> around = text(charOf(WHITESPACE), 0, 2);
        return around.next(random) + local + "@" + domain + "." + text(charOf("frcomFRorgnet"), 2, 4).next(random)
                + around.next(random);
    };

    @Test
    void plainAddressesAreAcceptedTrimmedAndLowerCased() {
        forAll(ADDRESSES, typed -> assertEquals(Optional.of(typed.strip().toLowerCase(Locale.ROOT)),
                LoginEmail.parse(typed), PropertyCheck.show(typed)));
    }

    /** Characters a login e-mail must not hold: controls, spaces of any kind, anything not ASCII. */
    private static final Gen<String> FORBIDDEN = anyChar().map(c -> c.length() == 1 && c.charAt(0) > 0x20
            && c.charAt(0) < 0x7f ? "\u00e9" : c);

    @Test
    void anyControlSpaceOrNonAsciiCharacterInsideIsRefused() {
        forAll(random -> insertAt(random, ADDRESSES.next(random).strip(), FORBIDDEN.next(random), 1, 1),
                typed -> assertTrue(LoginEmail.parse(typed).isEmpty(), PropertyCheck.show(typed)));
    }

    /** No @, or more than one: an extra @ anywhere, in a quoted local part ("a@b"@x.fr) too. */
    private static final Gen<String> NOT_ONE_AT = oneOf(
            ADDRESSES.map(a -> a.replace("@", "")),
            ADDRESSES.map(a -> a.replace("@", ".")),
            random -> insertAt(random, ADDRESSES.next(random).strip(), "@", 0, 0),
            random -> "\"" + text(oneOf(charOf(ALNUM + ".(),:;<>[]"), charOf("@")), 0, 10).next(random) + "@"
                    + LABEL.next(random) + "\"@" + LABEL.next(random) + ".fr");

    @Test
    void anythingWithoutExactlyOneAtIsRefused() {
        forAll(NOT_ONE_AT, typed -> assertTrue(LoginEmail.parse(typed).isEmpty(), PropertyCheck.show(typed)));
    }

    private static final Gen<String> ANY_INPUT = oneOf(
            anyString(30),
            ADDRESSES,
            NOT_ONE_AT,
            random -> insertAt(random, ADDRESSES.next(random), anyChar().next(random), 0, 0),
            random -> "\"" + text(oneOf(charOf(ALNUM), charOf("\"\\ @.,")), 0, 8).next(random) + "\"@"
                    + LABEL.next(random) + ".fr",
            random -> "a@" + text(oneOf(LABEL, charOf(".-[]:")), 0, ints(1, 40).next(random)).next(random));

    @Test
    void anyInputNeverThrowsAndWhatIsAcceptedIsNormalisedOnceForAll() {
        forAllStrings(ANY_INPUT, typed -> LoginEmail.parse(typed).ifPresent(email -> {
            assertTrue(email.chars().allMatch(c -> c > 0x20 && c < 0x7f), "printable ASCII, no space");
            assertEquals(1, email.chars().filter(c -> c == '@').count(), "exactly one @");
            assertTrue(email.length() <= 254, "254 characters at most");
            assertEquals(email.toLowerCase(Locale.ROOT), email, "lower case");
            assertEquals(Optional.of(email), LoginEmail.parse(email), "normalising twice is normalising once");
        }));
    }
}

package fr.ordre.monespace.identity;

import java.util.Optional;

/**
 * An RPPS number: 11 digits whose last one is the Luhn check digit of the first ten.
 * Parsing happens before any directory lookup, so a mistyped number never costs a lookup
 * nor counts as an identity failure.
 */
public final class Rpps {

    private Rpps() {
    }

    /** The normalised number (surrounding whitespace and inner spaces removed) when it is well formed. */
    public static Optional<String> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        // The no-break space is a space first: strip() keeps it, so "6\n\u00a0" would keep the newline.
        String digits = input.replace('\u00a0', ' ').strip().replace(" ", "");
        if (digits.length() != 11 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return hasValidLuhnKey(digits) ? Optional.of(digits) : Optional.empty();
    }

    static boolean hasValidLuhnKey(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}

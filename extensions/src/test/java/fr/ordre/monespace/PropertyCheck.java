package fr.ordre.monespace;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property tests on plain JUnit: a check runs against many generated values, and a failure
 * names the seed, so {@code mvn test -Dproperty.seed=N} replays the same values. jqwik is not
 * used: from 1.10 its authors ask that it not be used by AI coding agents, which write part of
 * this code.
 */
public final class PropertyCheck {

    /** Tries per property: enough to find the corner cases below, small enough for a fast build. */
    public static final int TRIES = 1000;

    /** One seed per run (new values every run, like hypothesis), fixed with -Dproperty.seed. */
    private static final long SEED = Long.getLong("property.seed", new SecureRandom().nextLong());

    private PropertyCheck() {
    }

    /** A generator of values from a source of randomness. */
    @FunctionalInterface
    public interface Gen<T> {

        T next(Random random);

        default <U> Gen<U> map(Function<? super T, ? extends U> f) {
            return random -> f.apply(next(random));
        }
    }

    public static <T> void forAll(Gen<T> gen, Consumer<? super T> check) {
        run(gen, check, value -> List.of());
    }

    /**
     * For a check that must hold for every string: a failing value is shrunk by deleting
     * characters, so the report shows a minimal input rather than 40 random characters.
     */
    public static void forAllStrings(Gen<String> gen, Consumer<String> check) {
        run(gen, check, PropertyCheck::shorter);
    }

    private static <T> void run(Gen<T> gen, Consumer<? super T> check, Function<T, List<T>> shrink) {
        Random random = new Random(SEED);
        for (int i = 1; i <= TRIES; i++) {
            T value = gen.next(random);
            Throwable failure = failure(check, value);
            if (failure == null) {
                continue;
            }
            T smallest = value;
            // Bounded: a shrink only has to be useful, not optimal.
            for (int steps = 0; steps < 2000; steps++) {
                T next = null;
                for (T candidate : shrink.apply(smallest)) {
                    Throwable f = failure(check, candidate);
                    if (f != null) {
                        next = candidate;
                        failure = f;
                        break;
                    }
                }
                if (next == null) {
                    break;
                }
                smallest = next;
            }
            AssertionError error = new AssertionError("falsified at try " + i + " of " + TRIES
                    + " (replay: mvn test -Dproperty.seed=" + SEED + ")\n  value:  " + show(value)
                    + (smallest == value ? "" : "\n  shrunk: " + show(smallest)) + "\n  " + failure);
            error.initCause(failure);
            throw error;
        }
    }

    private static <T> Throwable failure(Consumer<? super T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static List<String> shorter(String s) {
        List<String> candidates = new ArrayList<>();
        for (int chunk = s.length() / 2; chunk >= 1; chunk /= 2) {
            for (int at = 0; at + chunk <= s.length(); at += chunk) {
                candidates.add(s.substring(0, at) + s.substring(at + chunk));
            }
        }
        return candidates;
    }

    /** Values with control, invisible or non-ASCII characters escaped, so the report can be read. */
    public static String show(Object value) {
        if (!(value instanceof String s)) {
            return String.valueOf(value);
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    // ---- generators ----

    public static Gen<Integer> ints(int min, int max) {
        return random -> min + random.nextInt(max - min + 1);
    }

    public static Gen<Long> longs(long min, long max) {
        return random -> min + (long) (random.nextDouble() * (max - min + 1));
    }

    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return random -> gens[random.nextInt(gens.length)].next(random);
    }

    @SafeVarargs
    public static <T> Gen<T> sampled(T... values) {
        return random -> values[random.nextInt(values.length)];
    }

    /** One character of {@code alphabet}. */
    public static Gen<String> charOf(String alphabet) {
        return random -> String.valueOf(alphabet.charAt(random.nextInt(alphabet.length())));
    }

    /** {@code min} to {@code max} pieces, concatenated. */
    public static Gen<String> text(Gen<String> piece, int min, int max) {
        return random -> {
            int n = min + random.nextInt(max - min + 1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                out.append(piece.next(random));
            }
            return out.toString();
        };
    }

    public static Gen<String> digits(int n) {
        return text(charOf("0123456789"), n, n);
    }

    /** Every whitespace {@link String#strip()} removes, and the no-break spaces it keeps. */
    public static final String WHITESPACE = " \t\n\u000b\f\r\u001c\u001d\u001e\u001f\u1680\u2000\u2003\u2008\u200a"
            + "\u2028\u2029\u205f\u3000";
    public static final String NO_BREAK_SPACES = "\u00a0\u2007\u202f";

    /**
     * One "character" of any kind: printable ASCII, controls, whitespace, no-break spaces, Latin-1,
     * look-alike digits, anything in the BMP (lone surrogates included) or a supplementary
     * character (a surrogate pair).
     */
    public static Gen<String> anyChar() {
        return oneOf(
                random -> String.valueOf((char) (0x20 + random.nextInt(0x5f))),
                random -> String.valueOf((char) (random.nextBoolean() ? random.nextInt(0x20) : 0x7f)),
                charOf(WHITESPACE + NO_BREAK_SPACES + "\u0085\u200b\ufeff"),
                random -> String.valueOf((char) (0x80 + random.nextInt(0x80))),
                charOf("\u0660\u0663\u06f5\u0966\uff10\uff11\uff19\u2460\u00b2"),
                random -> String.valueOf((char) random.nextInt(0x10000)),
                random -> new String(Character.toChars(0x10000 + random.nextInt(0x100000 - 0x10000))));
    }

    public static Gen<String> anyString(int maxLength) {
        return text(anyChar(), 0, maxLength);
    }

    /** {@code s} with {@code piece} inserted at a random position in [from, s.length() - untilEnd]. */
    public static String insertAt(Random random, String s, String piece, int from, int untilEnd) {
        int at = from + random.nextInt(s.length() - untilEnd - from + 1);
        return s.substring(0, at) + piece + s.substring(at);
    }
}

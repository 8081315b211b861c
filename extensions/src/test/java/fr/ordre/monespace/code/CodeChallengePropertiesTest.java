package fr.ordre.monespace.code;

import static fr.ordre.monespace.PropertyCheck.WHITESPACE;
import static fr.ordre.monespace.PropertyCheck.anyChar;
import static fr.ordre.monespace.PropertyCheck.anyString;
import static fr.ordre.monespace.PropertyCheck.charOf;
import static fr.ordre.monespace.PropertyCheck.digits;
import static fr.ordre.monespace.PropertyCheck.forAll;
import static fr.ordre.monespace.PropertyCheck.insertAt;
import static fr.ordre.monespace.PropertyCheck.ints;
import static fr.ordre.monespace.PropertyCheck.longs;
import static fr.ordre.monespace.PropertyCheck.oneOf;
import static fr.ordre.monespace.PropertyCheck.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ordre.monespace.PropertyCheck;
import fr.ordre.monespace.PropertyCheck.Gen;
import fr.ordre.monespace.code.Verification.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodeChallengePropertiesTest {

    private static final Gen<Long> STARTS = longs(0, 2_000_000_000L);

    private static final Gen<CodeLimits> LIMITS = random -> new CodeLimits(ints(1, 900).next(random),
            ints(1, 8).next(random), ints(0, 120).next(random), ints(0, 5).next(random));

    /** The code as typed from an SMS: spaces between digits and whitespace around are tolerated. */
    private static String asTyped(Random random, String code) {
        String s = code;
        for (int n = random.nextInt(3); n > 0; n--) {
            s = insertAt(random, s, " ", 0, 0);
        }
        Gen<String> around = text(charOf(WHITESPACE), 0, 2);
        return around.next(random) + s + around.next(random);
    }

    /** Strings that are not the code: whatever their other characters, their ASCII digits are not it. */
    private static Gen<String> notTheCode(String code) {
        return oneOf(
                random -> {
                    int at = random.nextInt(6);
                    char other = (char) ('0' + (code.charAt(at) - '0' + 1 + random.nextInt(9)) % 10);
                    return code.substring(0, at) + other + code.substring(at + 1);
                },
                digits(6),
                random -> code.substring(0, random.nextInt(6)),
                random -> insertAt(random, code, digits(1).next(random), 0, 0),
                // Look-alike digits: Arabic-Indic, fullwidth; only ASCII digits count.
                random -> code.chars().mapToObj(c -> String.valueOf((char) (c - '0' + (random.nextBoolean()
                        ? '\u0660' : '\uff10')))).reduce("", String::concat),
                random -> insertAt(random, code, anyChar().next(random), 1, 1),
                anyString(10)).map(s -> s.replaceAll("[^0-9]", "").equals(code) ? s + "0" : s);
    }

    @Test
    void newCodesAreAlwaysSixAsciiDigits() {
        forAll(random -> CodeChallenge.newCode(), code -> assertTrue(code.matches("[0-9]{6}"), code));
    }

    record Attempt(CodeLimits limits, long start, String code, String typed, boolean right) {
    }

    @Test
    void aCodeVerifiesOnlyAgainstItself() {
        forAll(random -> {
            String code = digits(6).next(random);
            boolean right = random.nextBoolean();
            String typed = right ? asTyped(random, code) : notTheCode(code).next(random);
            return new Attempt(LIMITS.next(random), STARTS.next(random), code, typed, right);
        }, a -> {
            CodeChallenge state = CodeChallenge.none().sent(a.code(), "sms", a.limits(), a.start());
            Verification v = state.verify(a.typed(), a.limits(), a.start());
            String typed = PropertyCheck.show(a.typed());
            if (a.right()) {
                assertEquals(Outcome.ACCEPTED, v.outcome(), typed);
                assertFalse(v.next().hasLiveCode(), "single use");
            } else {
                assertEquals(a.limits().maxAttempts() == 1 ? Outcome.EXHAUSTED : Outcome.WRONG, v.outcome(), typed);
                assertEquals(a.limits().maxAttempts() - 1, v.triesLeft(), typed);
            }
        });
    }

    record Try(String typed, boolean right, long delay, boolean throughNotes) {
    }

    record Session(CodeLimits limits, long start, String code, List<Try> tries) {
    }

    private static final Gen<Session> SESSIONS = random -> {
        CodeLimits limits = LIMITS.next(random);
        String code = digits(6).next(random);
        List<Try> tries = new ArrayList<>();
        for (int n = ints(1, 12).next(random); n > 0; n--) {
            boolean right = random.nextInt(3) == 0;
            String typed = right ? asTyped(random, code) : notTheCode(code).next(random);
            // Delays around a third of the validity, so some sessions outlive their code.
            long delay = longs(0, limits.ttlSeconds() / 3 + 1).next(random);
            tries.add(new Try(typed, right, delay, random.nextBoolean()));
        }
        return new Session(limits, STARTS.next(random), code, tries);
    };

    /**
     * Any sequence of tries, the state stored in the flow's notes between some of them, follows
     * the rules: accepted once at most, only the right code, only before expiry and before the
     * last wrong try allowed; an expired or used code is gone, a code killed by wrong tries stays dead.
     */
    @Test
    void anySequenceOfTriesFollowsTheLimits() {
        forAll(SESSIONS, s -> {
            CodeLimits limits = s.limits();
            CodeChallenge state = CodeChallenge.none().sent(s.code(), "sms", limits, s.start());
            long expiresAt = s.start() + limits.ttlSeconds();
            long now = s.start();
            boolean gone = false;
            int wrong = 0;
            for (Try t : s.tries()) {
                now += t.delay();
                if (t.throughNotes()) {
                    state = CodeChallenge.fromNotes(state.toNotes());
                }
                Verification v = state.verify(t.typed(), limits, now);
                Outcome expected;
                int triesLeft = 0;
                if (gone) {
                    expected = Outcome.NO_CODE;
                } else if (wrong >= limits.maxAttempts()) {
                    expected = Outcome.EXHAUSTED;
                } else if (now >= expiresAt) {
                    expected = Outcome.EXPIRED;
                    gone = true;
                } else if (t.right()) {
                    expected = Outcome.ACCEPTED;
                    gone = true;
                } else {
                    wrong++;
                    triesLeft = limits.maxAttempts() - wrong;
                    expected = triesLeft == 0 ? Outcome.EXHAUSTED : Outcome.WRONG;
                }
                String where = PropertyCheck.show(t.typed()) + " at +" + (now - s.start()) + "s";
                assertEquals(expected, v.outcome(), where);
                assertEquals(triesLeft, v.triesLeft(), where);
                assertEquals(!gone, v.next().hasLiveCode(), where);
                state = v.next();
            }
        });
    }

    record Step(long delay, boolean back, boolean throughNotes) {
    }

    record Sends(CodeLimits limits, long start, List<Step> steps) {
    }

    /**
     * Whatever the timing, and with "Retour" (the code dropped) in between: a flow that sends only
     * when told it may sends at most 1 + maxResends codes, never two within the cooldown, and is
     * told exactly how long to wait.
     */
    @Test
    void resendsKeepTheCooldownAndTheCapForAnyTiming() {
        forAll(random -> {
            CodeLimits limits = LIMITS.next(random);
            List<Step> steps = new ArrayList<>();
            for (int n = ints(1, 15).next(random); n > 0; n--) {
                steps.add(new Step(longs(0, limits.resendCooldownSeconds() + 5).next(random),
                        random.nextInt(4) == 0, random.nextBoolean()));
            }
            return new Sends(limits, STARTS.next(random), steps);
        }, s -> {
            CodeLimits limits = s.limits();
            CodeChallenge state = CodeChallenge.none();
            long now = s.start();
            int sends = 0;
            long lastSent = 0;
            for (Step step : s.steps()) {
                now += step.delay();
                if (step.throughNotes()) {
                    state = CodeChallenge.fromNotes(state.toNotes());
                }
                if (step.back()) {
                    state = state.withoutCode();
                    assertFalse(state.hasLiveCode());
                    assertEquals(sends, state.sends(), "going back keeps the send count");
                    continue;
                }
                SendDecision decision = state.canSend(limits, now);
                String where = "send " + (sends + 1) + " at +" + (now - s.start()) + "s";
                if (sends == 0) {
                    assertTrue(decision.isAllowed(), where);
                } else if (sends > limits.maxResends()) {
                    assertEquals(SendDecision.Kind.CAP_REACHED, decision.kind(), where);
                } else if (now < lastSent + limits.resendCooldownSeconds()) {
                    assertEquals(SendDecision.Kind.TOO_EARLY, decision.kind(), where);
                    assertEquals(lastSent + limits.resendCooldownSeconds() - now, decision.waitSeconds(), where);
                } else {
                    assertTrue(decision.isAllowed(), where);
                }
                if (decision.isAllowed()) {
                    state = state.sent(CodeChallenge.newCode(), "sms", limits, now);
                    sends++;
                    lastSent = now;
                }
                assertTrue(sends <= 1 + limits.maxResends(), where);
            }
        });
    }
}

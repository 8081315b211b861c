package fr.ordre.monespace.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeChallengeTest {

    private static final CodeLimits LIMITS = CodeLimits.DEFAULTS;
    private static final long T0 = 1_000_000L;

    private static CodeChallenge sentAt(String code, long at) {
        return CodeChallenge.none().sent(code, "sms", LIMITS, at);
    }

    @Test
    void codesAreSixDigitsAndVary() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = CodeChallenge.newCode();
            assertTrue(code.matches("[0-9]{6}"), code);
            seen.add(code);
        }
        assertTrue(seen.size() > 1900, "a CSPRNG rarely repeats in 2000 draws of 10^6");
    }

    @Test
    void acceptsTheRightCodeOnceOnly() {
        CodeChallenge state = sentAt("123456", T0);
        Verification ok = state.verify("123456", LIMITS, T0 + 10);
        assertEquals(Verification.Outcome.ACCEPTED, ok.outcome());
        assertEquals(Verification.Outcome.NO_CODE, ok.next().verify("123456", LIMITS, T0 + 11).outcome());
    }

    @Test
    void notesNeverHoldTheCodeInClear() {
        CodeChallenge state = sentAt("123456", T0);
        assertFalse(state.toNotes().containsValue("123456"));
        assertEquals(Verification.Outcome.ACCEPTED,
                CodeChallenge.fromNotes(state.toNotes()).verify("123456", LIMITS, T0 + 1).outcome());
    }

    @Test
    void fiveWrongEntriesKillTheCode() {
        CodeChallenge state = sentAt("123456", T0);
        for (int i = 1; i <= 4; i++) {
            Verification wrong = state.verify("000000", LIMITS, T0 + i);
            assertEquals(Verification.Outcome.WRONG, wrong.outcome());
            assertEquals(5 - i, wrong.triesLeft());
            assertTrue(wrong.wrongGuess());
            state = wrong.next();
        }
        Verification fifth = state.verify("000000", LIMITS, T0 + 5);
        assertEquals(Verification.Outcome.EXHAUSTED, fifth.outcome());
        assertTrue(fifth.wrongGuess(), "the fifth wrong code was a guess too");
        Verification dead = fifth.next().verify("123456", LIMITS, T0 + 6);
        assertEquals(Verification.Outcome.EXHAUSTED, dead.outcome(), "even the right code is refused once the code is dead");
        assertFalse(dead.wrongGuess(), "an entry on a dead code guesses nothing");
    }

    @Test
    void onlyWrongGuessesAtALiveCodeCount() {
        CodeChallenge state = sentAt("123456", T0);
        assertFalse(CodeChallenge.none().verify("123456", LIMITS, T0).wrongGuess(), "no code sent");
        assertFalse(state.verify("000000", LIMITS, T0 + 601).wrongGuess(), "expired");
        assertFalse(state.verify("123456", LIMITS, T0 + 1).wrongGuess(), "accepted");
    }

    @Test
    void expiresAfterTenMinutes() {
        CodeChallenge state = sentAt("123456", T0);
        assertEquals(Verification.Outcome.ACCEPTED, state.verify("123456", LIMITS, T0 + 599).outcome());
        assertEquals(Verification.Outcome.EXPIRED, state.verify("123456", LIMITS, T0 + 600).outcome());
    }

    @Test
    void aNewCodeKillsTheOldOne() {
        CodeChallenge first = sentAt("111111", T0);
        CodeChallenge second = first.sent("222222", "sms", LIMITS, T0 + 61);
        assertNotEquals(Verification.Outcome.ACCEPTED, second.verify("111111", LIMITS, T0 + 62).outcome());
        assertEquals(Verification.Outcome.ACCEPTED, second.verify("222222", LIMITS, T0 + 62).outcome());
    }

    @Test
    void aNewCodeGetsFreshTries() {
        CodeChallenge state = sentAt("111111", T0);
        for (int i = 0; i < 5; i++) {
            state = state.verify("000000", LIMITS, T0 + 1).next();
        }
        state = state.sent("222222", "sms", LIMITS, T0 + 61);
        assertEquals(Verification.Outcome.ACCEPTED, state.verify("222222", LIMITS, T0 + 62).outcome());
    }

    @Test
    void resendWaitsForTheCooldownAndStopsAfterThreeResends() {
        CodeChallenge state = CodeChallenge.none();
        assertTrue(state.canSend(LIMITS, T0).isAllowed());
        state = state.sent("000001", "sms", LIMITS, T0);
        SendDecision early = state.canSend(LIMITS, T0 + 20);
        assertEquals(SendDecision.Kind.TOO_EARLY, early.kind());
        assertEquals(40, early.waitSeconds());
        long t = T0;
        for (int resend = 1; resend <= 3; resend++) {
            t += 60;
            assertTrue(state.canSend(LIMITS, t).isAllowed(), "resend " + resend);
            state = state.sent("00000" + resend, "sms", LIMITS, t);
        }
        assertEquals(SendDecision.Kind.CAP_REACHED, state.canSend(LIMITS, t + 3600).kind());
    }

    @Test
    void backToTheChannelKeepsTheSendCount() {
        CodeChallenge state = sentAt("123456", T0).withoutCode();
        assertFalse(state.hasLiveCode());
        assertEquals(1, state.sends());
        assertEquals(SendDecision.Kind.TOO_EARLY, state.canSend(LIMITS, T0 + 1).kind());
    }

    @Test
    void limitsAreConfigurable() {
        CodeLimits tight = new CodeLimits(5, 2, 1, 1);
        CodeChallenge state = CodeChallenge.none().sent("123456", "email", tight, T0);
        assertEquals(Verification.Outcome.EXPIRED, state.verify("123456", tight, T0 + 5).outcome());
        assertEquals(Verification.Outcome.EXHAUSTED,
                state.verify("000000", tight, T0).next().verify("000000", tight, T0).outcome());
    }
}

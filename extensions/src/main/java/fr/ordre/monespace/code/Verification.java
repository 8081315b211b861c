package fr.ordre.monespace.code;

/**
 * Outcome of a typed code, the state to keep, the tries left after a wrong code, and whether the
 * entry was a wrong guess at a live code (what the per-doctor limit of wrong codes counts: not an
 * entry on a code already dead, expired or never sent).
 */
public record Verification(Outcome outcome, CodeChallenge next, int triesLeft, boolean wrongGuess) {

    public enum Outcome {
        ACCEPTED,
        WRONG,
        /** Past its validity: a new code must be asked for. */
        EXPIRED,
        /** Too many wrong tries on this code: it is dead. */
        EXHAUSTED,
        /** No code was sent, or it was already used. */
        NO_CODE
    }
}

package fr.ordre.monespace.code;

/** Outcome of a typed code, the state to keep, and the tries left after a wrong code. */
public record Verification(Outcome outcome, CodeChallenge next, int triesLeft) {

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

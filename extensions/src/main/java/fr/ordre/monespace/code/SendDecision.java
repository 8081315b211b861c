package fr.ordre.monespace.code;

/** Whether the flow may send a code now; when too early, how many seconds to wait. */
public record SendDecision(Kind kind, long waitSeconds) {

    public enum Kind { ALLOWED, TOO_EARLY, CAP_REACHED }

    static SendDecision allowed() {
        return new SendDecision(Kind.ALLOWED, 0);
    }

    static SendDecision tooEarly(long waitSeconds) {
        return new SendDecision(Kind.TOO_EARLY, waitSeconds);
    }

    static SendDecision capReached() {
        return new SendDecision(Kind.CAP_REACHED, 0);
    }

    public boolean isAllowed() {
        return kind == Kind.ALLOWED;
    }
}

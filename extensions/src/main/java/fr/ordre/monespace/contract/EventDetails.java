package fr.ordre.monespace.contract;

/**
 * The details MonEspace adds to Keycloak's events (realm/contract.yaml {@code events.details}): the
 * RPPS and never a secret nor a full contact detail. The metrics listener counts by them.
 */
public final class EventDetails {

    /** {@code creation} or {@code recovery}. */
    public static final String JOURNEY = "monespace_journey";
    /** What happened: an {@link EventStep}. */
    public static final String STEP = "monespace_step";
    /** On a refusal by a limit: the limit's kind, which {@code monespace_throttled_total} counts. */
    public static final String THROTTLED = "monespace_throttled";
    public static final String RPPS = "rpps";
    /** {@code sms} or {@code email}. */
    public static final String CHANNEL = "channel";

    private EventDetails() {
    }
}

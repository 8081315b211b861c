package fr.ordre.monespace.delivery;

/** A code or notice could not be handed to the SMS gateway or the SMTP server. */
public final class DeliveryException extends Exception {

    public DeliveryException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /**
     * A loggable reason: the chain of exception types only, since mail exceptions quote the
     * recipient's address in their messages.
     */
    static String describe(Throwable error) {
        StringBuilder reason = new StringBuilder("mail not sent:");
        for (Throwable t = error; t != null && reason.length() < 300; t = t.getCause()) {
            reason.append(' ').append(t.getClass().getSimpleName());
        }
        return reason.toString();
    }
}

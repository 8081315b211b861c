package fr.ordre.monespace.delivery;

/** A code or notice could not be handed to the SMS gateway or the SMTP server. */
public final class DeliveryException extends Exception {

    public DeliveryException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

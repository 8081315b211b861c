package fr.ordre.monespace.sms;

/** The SMS was not accepted by the gateway; the reason never contains the number nor the text. */
public final class SmsException extends Exception {

    public SmsException(String reason) {
        super(reason);
    }

    public SmsException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

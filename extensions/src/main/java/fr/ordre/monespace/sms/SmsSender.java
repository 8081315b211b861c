package fr.ordre.monespace.sms;

import org.keycloak.provider.Provider;

/** Sends one text message to a mobile number. Implementations never log the text nor the number. */
public interface SmsSender extends Provider {

    /**
     * @param destination the mobile number in E.164 ({@code +33612345678})
     * @param text the message, already localised
     * @throws SmsException when the gateway refuses, fails or does not answer in time: the message
     *     must then be considered not sent
     */
    void send(String destination, String text) throws SmsException;

    @Override
    default void close() {
    }
}

package fr.ordre.monespace.sms;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The {@code sms-sender} SPI: an operator picks the provider and its options with
 * {@code --spi-sms-sender--provider=http-gateway --spi-sms-sender--http-gateway--url=…}.
 */
public final class SmsSenderSpi implements Spi {

    public static final String NAME = "sms-sender";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SmsSender.class;
    }

    @Override
    @SuppressWarnings("rawtypes") // the Spi interface's own signature
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SmsSenderFactory.class;
    }
}

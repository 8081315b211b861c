package fr.ordre.monespace.sms;

import org.keycloak.provider.ProviderFactory;

/** Factory of an {@link SmsSender}; the provider in use is chosen by server configuration. */
public interface SmsSenderFactory extends ProviderFactory<SmsSender> {
}

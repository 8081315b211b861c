package fr.ordre.monespace.sms;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Provider {@code http-gateway} of the {@code sms-sender} SPI. */
public final class HttpGatewaySmsSenderFactory implements SmsSenderFactory {

    public static final String ID = "http-gateway";

    private HttpGatewaySmsSender.HttpGatewaySettings settings;
    private HttpClient client;

    @Override
    public SmsSender create(KeycloakSession session) {
        return new HttpGatewaySmsSender(client, settings);
    }

    @Override
    public void init(Config.Scope config) {
        String url = config.get("url");
        String token = config.get("token");
        long timeoutMs = config.getLong("timeout-ms", 5000L);
        settings = new HttpGatewaySmsSender.HttpGatewaySettings(
                url == null || url.isBlank() ? null : URI.create(url.strip()),
                token == null || token.isBlank() ? null : token.strip(),
                Duration.ofMillis(timeoutMs));
        client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(Math.min(timeoutMs, 5000L)))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("url").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("URL receiving POST {destination, text} as JSON").add()
                .property().name("token").type(ProviderConfigProperty.PASSWORD)
                .helpText("Optional bearer token sent to the gateway").add()
                .property().name("timeout-ms").type(ProviderConfigProperty.STRING_TYPE).defaultValue("5000")
                .helpText("Time allowed for the gateway to accept the message").add()
                .build();
    }
}

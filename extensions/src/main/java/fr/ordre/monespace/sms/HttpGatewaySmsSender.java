package fr.ordre.monespace.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.util.JsonSerialization;

/**
 * The generic HTTP gateway contract: {@code POST <url>} with a JSON body
 * {@code {"destination": "+33612345678", "text": "…"}}, optional {@code Authorization: Bearer <token>};
 * any 2xx means accepted, anything else (or no answer within the timeout) means not sent.
 */
final class HttpGatewaySmsSender implements SmsSender {

    private final HttpClient client;
    private final HttpGatewaySettings settings;

    HttpGatewaySmsSender(HttpClient client, HttpGatewaySettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public void send(String destination, String text) throws SmsException {
        if (settings.url() == null) {
            throw new SmsException("no SMS gateway URL configured (spi-sms-sender--http-gateway--url)");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("destination", destination);
        body.put("text", text);
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(settings.url())
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(body)));
        } catch (IOException e) {
            throw new SmsException("cannot encode SMS request", e);
        }
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new SmsException("SMS gateway timed out after " + settings.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new SmsException("SMS gateway unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException("interrupted while calling the SMS gateway", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SmsException("SMS gateway refused the message with HTTP " + response.statusCode());
        }
    }

    /** Server options of the provider. */
    record HttpGatewaySettings(URI url, String token, Duration timeout) {
    }
}

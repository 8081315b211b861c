package fr.ordre.monespace.metrics;

import io.micrometer.core.instrument.Metrics;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Factory of the {@code monespace-metrics} event listener; counters go to Keycloak's registry. */
public final class JourneyMetricsListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "monespace-metrics";
    private JourneyMetricsListener listener;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return listener;
    }

    @Override
    public void init(Config.Scope config) {
        // Keycloak's own meters live in Micrometer's global registry, which /metrics exports.
        listener = new JourneyMetricsListener(new JourneyMetrics(Metrics.globalRegistry));
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
}

package fr.ordre.monespace.metrics;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;

/** Event listener {@code monespace-metrics}, enabled on the realm by realm/. */
final class JourneyMetricsListener implements EventListenerProvider {

    private final JourneyMetrics metrics;

    JourneyMetricsListener(JourneyMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onEvent(Event event) {
        metrics.record(event);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}

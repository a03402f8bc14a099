package io.hashfence.collector.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.json.CollectorJson;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Alertmanager's API v2 ({@code POST /api/v2/alerts}). Labels: alertname, site, rig, country,
 * subdivision, severity; the evidence goes in annotations (with {@code border_km}, the rig's distance to the
 * nearest border of its country, when known: it changes as the rig moves, so it is no label). Firing alerts are
 * re-sent every resend interval with {@code endsAt} a few intervals ahead (as Prometheus does), and a resolution is sent with
 * {@code endsAt} set to when it resolved.
 */
public final class AlertmanagerSink implements AlertSink {
    private final URI endpoint;
    private final Supplier<URI> generatorBase;
    private final HttpDelivery http;
    private final Duration firingValidity;
    private final Clock clock;

    /** @param collectorBase this collector's HTTP base URL, for the alerts' generatorURL */
    public AlertmanagerSink(
            URI alertmanager, Supplier<URI> collectorBase, AlertConfig config, Clock clock, CollectorJson json) {
        this.endpoint = URI.create(alertmanager.toString().replaceAll("/+$", "") + "/api/v2/alerts");
        this.generatorBase = collectorBase;
        this.http = new HttpDelivery(config.sinkTimeout(), json);
        this.firingValidity = config.resendInterval().multipliedBy(3);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public int attempts() {
        return 3;
    }

    @Override
    public void deliver(Notification notification) throws Exception {
        post(List.of(notification.alert()));
    }

    @Override
    public void remind(List<Alert> firing) throws Exception {
        if (!firing.isEmpty()) {
            post(firing);
        }
    }

    @Override
    public boolean wantsReminders() {
        return true;
    }

    private void post(List<Alert> alerts) throws Exception {
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        alerts.forEach(alert -> body.add(toAlertmanager(alert)));
        http.post(endpoint, body);
    }

    private ObjectNode toAlertmanager(Alert alert) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ObjectNode labels = node.putObject("labels");
        labels.put("alertname", alert.type().alertName());
        labels.put("site", alert.rig().site().value());
        labels.put("rig", alert.rig().rig().value());
        labels.put("country", alert.country());
        labels.put("subdivision", alert.subdivision());
        labels.put("severity", alert.severity().label());
        ObjectNode annotations = node.putObject("annotations");
        annotations.put("summary", alert.summary());
        annotations.put("evidence", alert.evidence());
        annotations.put("trust", alert.trust());
        if (alert.borderKm() != null) {
            annotations.put("border_km", String.format(Locale.ROOT, "%.2f", alert.borderKm()));
        }
        annotations.put("hashfence_alert_id", alert.id());
        node.put("startsAt", alert.firedAt().toString());
        node.put(
                "endsAt",
                alert.status() == AlertStatus.RESOLVED
                        ? alert.resolvedAt().toString()
                        : clock.instant().plus(firingValidity).toString());
        node.put(
                "generatorURL",
                generatorBase.get().resolve("/api/v1/alerts/" + alert.id()).toString());
        return node;
    }
}

package io.hashfence.collector.alert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.json.CollectorJson;
import java.net.URI;

/**
 * A generic JSON webhook: one POST per transition,
 * {@code {"version":"1","notification_id":...,"status":"firing|resolved","alert":{...}}}, retried with
 * backoff on failure or timeout. {@code notification_id} lets a receiver drop a retry it already has.
 */
public final class WebhookSink implements AlertSink {
    private final URI uri;
    private final HttpDelivery http;
    private final int attempts;

    public WebhookSink(URI uri, AlertConfig config, CollectorJson json) {
        this.uri = uri;
        this.http = new HttpDelivery(config.sinkTimeout(), json);
        this.attempts = config.webhookAttempts();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public int attempts() {
        return attempts;
    }

    @Override
    public void deliver(Notification notification) throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("version", "1");
        body.put("notification_id", notification.id());
        body.put("status", notification.transition().label());
        body.put("at", notification.at().toString());
        body.set("alert", AlertJson.of(notification.alert()));
        http.post(uri, body);
    }
}

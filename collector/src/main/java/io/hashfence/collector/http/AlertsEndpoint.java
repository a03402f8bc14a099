package io.hashfence.collector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.alert.AlertJson;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.logging.ClientText;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/alerts[?status=open|resolved|all]}, {@code GET /api/v1/alerts/{id}} and
 * {@code POST /api/v1/alerts/{id}/ack} (optional body {@code {"by": "name"}}).
 */
public final class AlertsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsEndpoint.class);

    private final AlertBook alerts;
    private final Consumer<Alert> onAcknowledged;
    private final CollectorJson json;

    /** @param onAcknowledged records an acknowledgement (in the event log) */
    public AlertsEndpoint(AlertBook alerts, Consumer<Alert> onAcknowledged, CollectorJson json) {
        this.alerts = alerts;
        this.onAcknowledged = onAcknowledged;
        this.json = json;
    }

    public Response list(Request request) {
        String status = request.queryParameter("status").orElse("open");
        List<Alert> selected = new ArrayList<>();
        switch (status) {
            case "open" -> selected.addAll(alerts.open());
            case "resolved" -> selected.addAll(alerts.recentlyResolved());
            case "all" -> {
                selected.addAll(alerts.open());
                selected.addAll(alerts.recentlyResolved());
            }
            default -> {
                return Response.error(HttpResponseStatus.BAD_REQUEST, "status must be open, resolved or all");
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("count", selected.size());
        ArrayNode array = body.putArray("alerts");
        selected.forEach(alert -> array.add(AlertJson.of(alert)));
        return Response.ok(body);
    }

    public Response one(Request request) {
        String id = request.pathParameter("id");
        return alerts.find(id)
                .map(alert -> Response.ok(AlertJson.of(alert)))
                .orElseGet(() -> Response.error(HttpResponseStatus.NOT_FOUND, "no alert " + id));
    }

    public Response acknowledge(Request request) {
        String id = request.pathParameter("id");
        Optional<String> by = acknowledgedBy(request);
        if (by.isEmpty()) {
            return Response.error(
                    HttpResponseStatus.BAD_REQUEST,
                    "body must be empty or a JSON object like {\"by\": \"name\"} with a name of at most 128 characters");
        }
        return alerts.acknowledge(id, by.get())
                .map(alert -> {
                    LOG.info(
                            "alert {} ({} {}) acknowledged by {}",
                            id,
                            alert.type().alertName(),
                            alert.rig(),
                            ClientText.escape(by.get()));
                    onAcknowledged.accept(alert);
                    return Response.ok(AlertJson.of(alert));
                })
                .orElseGet(() -> Response.error(HttpResponseStatus.NOT_FOUND, "no open alert " + id));
    }

    private Optional<String> acknowledgedBy(Request request) {
        if (request.body().length == 0) {
            return Optional.of("api");
        }
        try {
            JsonNode body = json.read(request.body());
            JsonNode by = body == null ? null : body.get("by");
            if (body == null || !body.isObject() || (by != null && !by.isTextual())) {
                return Optional.empty();
            }
            String name = by == null ? "api" : by.textValue().strip();
            return name.isEmpty() || name.length() > 128 ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/alerts}, {@code GET /api/v1/alerts/{id}} and {@code POST /api/v1/alerts/{id}/ack} (optional
 * body {@code {"by": "name"}}). The list comes in pages ({@code limit}, {@code next}) in the order the alerts were
 * opened (by the number their ids end with), and takes the filters of {@link AlertFilter}.
 */
public final class AlertsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsEndpoint.class);
    private static final String LIST = "alerts";
    private static final List<String> PARAMETERS =
            List.of("limit", "next", "status", "site", "rig", "severity", "alertname");

    private final AlertBook alerts;
    private final Consumer<Alert> onAcknowledged;
    private final CollectorJson json;
    private final HttpMetrics metrics;

    /** @param onAcknowledged records an acknowledgement (in the event log) */
    public AlertsEndpoint(AlertBook alerts, Consumer<Alert> onAcknowledged, CollectorJson json, HttpMetrics metrics) {
        this.alerts = alerts;
        this.onAcknowledged = onAcknowledged;
        this.json = json;
        this.metrics = metrics;
    }

    public Response list(Request request) {
        try {
            return page(QueryParameters.of(request, PARAMETERS));
        } catch (BadParameter e) {
            metrics.refused(HttpRefusal.BAD_PARAMETER);
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /**
     * The first {@code limit} alerts after the cursor in list order ({@link Position}), kept in a map bounded to
     * {@code limit + 1} while the open alerts (and the latest resolved ones) stream past: no copy or sort of
     * every alert, and one more than the page tells whether another page follows.
     */
    private Response page(QueryParameters query) throws BadParameter {
        AlertFilter filter = AlertFilter.read(query);
        PageRequest page = PageRequest.read(query, LIST, filter.given());
        Position after =
                page.after().isEmpty() ? null : Position.parse(page.after().get());
        int keep = page.limit() + 1;
        TreeMap<Position, Alert> first = new TreeMap<>();
        Consumer<Alert> offer = alert -> {
            Position position = Position.of(alert);
            if ((after == null || position.compareTo(after) > 0)
                    && filter.admits(alert)
                    && (first.size() < keep || position.compareTo(first.lastKey()) < 0)) {
                first.put(position, alert);
                if (first.size() > keep) {
                    first.pollLastEntry();
                }
            }
        };
        if (filter.wantsOpen()) {
            alerts.forEachOpen(offer);
        }
        if (filter.wantsResolved()) {
            alerts.recentlyResolved().forEach(offer);
        }
        boolean more = first.size() > page.limit();
        if (more) {
            first.pollLastEntry();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("count", first.size());
        ArrayNode array = body.putArray("alerts");
        first.values().forEach(alert -> array.add(AlertJson.of(alert)));
        if (more) {
            body.put("next", page.nextAfter(first.lastKey().id()));
        }
        return Response.ok(body);
    }

    /**
     * An alert's place in the list: the number its id ends with (the order alerts opened in), then the whole id,
     * since collectors sharing a store number their alerts apart ({@code alert-NODE-N}).
     */
    private record Position(long number, String id) implements Comparable<Position> {
        private static final Comparator<Position> ORDER =
                Comparator.comparingLong(Position::number).thenComparing(Position::id);
        private static final int MAX_ID_LENGTH = 256;

        static Position of(Alert alert) {
            return new Position(AlertJson.number(alert.id()), alert.id());
        }

        /** The position a cursor names: an alert id ending in {@code -N}. */
        static Position parse(String id) throws BadParameter {
            int dash = id.lastIndexOf('-');
            String digits = dash < 0 ? "" : id.substring(dash + 1);
            if (id.length() > MAX_ID_LENGTH
                    || digits.isEmpty()
                    || digits.length() > 18
                    || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw Cursor.malformed();
            }
            return new Position(Long.parseLong(digits), id);
        }

        @Override
        public int compareTo(Position other) {
            return ORDER.compare(this, other);
        }
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

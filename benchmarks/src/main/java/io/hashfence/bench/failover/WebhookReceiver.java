package io.hashfence.bench.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The alert webhook every collector of the cluster sends to: counts the firing notifications per alert
 * (alert name, site, rig), each {@code notification_id} of an alert once (a sink's retry of one it already
 * delivered is no second notification; the ids are numbered per collector, so two collectors may use one).
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Set<String> notificationIds = new HashSet<>();
    private final Map<String, Integer> firings = new HashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::receive);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode notification = JSON.readTree(exchange.getRequestBody());
            JsonNode alert = notification.path("alert");
            String key = alert.path("alertname").asText() + " "
                    + alert.path("site").asText() + "/" + alert.path("rig").asText();
            synchronized (this) {
                // notification ids are numbered per collector: only the same id for the same alert is a retry
                if (notificationIds.add(notification.path("notification_id").asText() + " " + key)
                        && "firing".equals(notification.path("status").asText())) {
                    firings.merge(key, 1, Integer::sum);
                }
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** Alerts notified as firing at least once. */
    synchronized int alertsFiring() {
        return firings.size();
    }

    /** Firing notifications beyond the first for the same alert. */
    synchronized int duplicated() {
        return firings.values().stream().mapToInt(count -> count - 1).sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.hashfence.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;

/**
 * {@code GET /metrics/rigs?shard=N&of=M}: the per-rig series of one shard ({@link MetricsShard}), in Prometheus text
 * format; without {@code shard} and {@code of}, every rig. {@code GET /api/v1/scrape-targets} lists the shards the
 * collector wants scraped; any {@code of} up to {@value MetricsShard#MAX_SHARDS} is answered, since a rig's shard
 * depends only on its ids.
 */
public final class RigMetricsEndpoint implements Endpoint {
    public static final String PATH = "/metrics/rigs";

    private final FleetMetrics fleet;
    private final HttpMetrics metrics;

    public RigMetricsEndpoint(FleetMetrics fleet, HttpMetrics metrics) {
        this.fleet = fleet;
        this.metrics = metrics;
    }

    @Override
    public Response handle(Request request) {
        Optional<String> shard = request.queryParameter("shard");
        Optional<String> of = request.queryParameter("of");
        if (shard.isEmpty() && of.isEmpty()) {
            return text(MetricsShard.whole());
        }
        if (shard.isEmpty() || of.isEmpty()) {
            return refused(
                    "shard and of go together, e.g. " + new MetricsShard(0, 4).path() + "; without both, every rig");
        }
        try {
            MetricsShard asked = new MetricsShard(whole("shard", shard.get()), whole("of", of.get()));
            return text(asked);
        } catch (IllegalArgumentException e) {
            return refused(e.getMessage());
        }
    }

    /** The shard's text, written when the answer is sent, in the coding the client takes. */
    private Response text(MetricsShard shard) {
        return Response.pieces(
                MetricsEndpoint.CONTENT_TYPE, (allocator, coding) -> fleet.exposition(shard, allocator, coding));
    }

    private Response refused(String why) {
        metrics.refused(HttpRefusal.BAD_PARAMETER);
        return Response.error(HttpResponseStatus.BAD_REQUEST, why);
    }

    private static int whole(String name, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + text + "\"", e);
        }
    }
}

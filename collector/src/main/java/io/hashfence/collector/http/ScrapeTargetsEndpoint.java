package io.hashfence.collector.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Prometheus should scrape: {@code /metrics} (the collector's own series) and each shard of the per-rig series
 * ({@code http.metrics_shards} of them).
 *
 * <ul>
 *   <li>{@code GET /api/v1/scrape-targets}: {@code {"paths": ["/metrics", "/metrics/rigs?shard=0&of=4", ...]}}.
 *   <li>{@code GET /api/v1/scrape-targets/prometheus}: the same as Prometheus' HTTP service discovery format
 *       ({@code http_sd_configs}), one target group per path. The target is the address Prometheus asked this
 *       endpoint at (its {@code Host} header), so the shipped config names the collector once; each group sets
 *       {@code __metrics_path__}, the {@code shard} and {@code of} parameters, and a {@code shard} label
 *       ({@code "0/4"}) that keeps the shards' {@code up} series apart.
 * </ul>
 *
 * <p>Both hold no secret, only paths: they are guarded like {@code /metrics} ({@code http.protect_metrics}).
 */
public final class ScrapeTargetsEndpoint {
    public static final String PATH = "/api/v1/scrape-targets";
    public static final String PROMETHEUS_PATH = PATH + "/prometheus";

    private final List<MetricsShard> shards;

    public ScrapeTargetsEndpoint(int shardCount) {
        this.shards = MetricsShard.all(shardCount);
    }

    public Response paths(Request request) {
        List<String> paths = new ArrayList<>();
        paths.add(MetricsEndpoint.PATH);
        shards.forEach(shard -> paths.add(shard.path()));
        return Response.ok(Map.of("paths", paths));
    }

    public Response prometheus(Request request) {
        if (request.host().isEmpty()) {
            return Response.error(
                    HttpResponseStatus.BAD_REQUEST,
                    "the targets are the address this was asked at: send a Host header (Prometheus does)");
        }
        List<String> targets = List.of(request.host().get());
        List<Map<String, Object>> groups = new ArrayList<>();
        groups.add(Map.of("targets", targets, "labels", Map.of("__metrics_path__", MetricsEndpoint.PATH)));
        for (MetricsShard shard : shards) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("__metrics_path__", RigMetricsEndpoint.PATH);
            labels.put("__param_shard", String.valueOf(shard.index()));
            labels.put("__param_of", String.valueOf(shard.of()));
            labels.put("shard", shard.index() + "/" + shard.of());
            groups.add(Map.of("targets", targets, "labels", labels));
        }
        return Response.ok(groups);
    }
}

package io.hashfence.collector.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigRecord;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.protocol.Ids;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.TelemetryCodec;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/rigs} (optionally {@code ?site=}) and {@code GET /api/v1/rigs/{site}/{rig}}: each rig's
 * liveness and its latest telemetry exactly as the wire contract spells it.
 */
public final class RigsEndpoint {
    private final RigRegistry registry;
    private final TelemetryCodec codec;

    public RigsEndpoint(RigRegistry registry, TelemetryCodec codec) {
        this.registry = registry;
        this.codec = codec;
    }

    public Response list(Request request) {
        Optional<String> site = request.queryParameter("site");
        if (site.isPresent() && !Ids.isValid(site.get())) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, "site must match [A-Za-z0-9._-]{1,64}");
        }
        List<RigRecord> rigs = registry.all().stream()
                .filter(rig -> site.isEmpty() || rig.key().site().value().equals(site.get()))
                .sorted(Comparator.comparing((RigRecord rig) -> rig.key().site().value())
                        .thenComparing(rig -> rig.key().rig().value()))
                .toList();
        ObjectNode body = Response.MAPPER.createObjectNode();
        body.put("count", rigs.size());
        ArrayNode array = body.putArray("rigs");
        rigs.forEach(rig -> array.add(view(rig)));
        return Response.ok(body);
    }

    public Response one(Request request) {
        String site = request.pathParameter("site");
        String rig = request.pathParameter("rig");
        if (!Ids.isValid(site) || !Ids.isValid(rig)) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, "site and rig must match [A-Za-z0-9._-]{1,64}");
        }
        return registry.find(new RigKey(SiteId.of(site), RigId.of(rig)))
                .map(found -> Response.ok(view(found)))
                .orElseGet(() -> Response.error(HttpResponseStatus.NOT_FOUND, "no rig " + site + "/" + rig));
    }

    private ObjectNode view(RigRecord rig) {
        ObjectNode node = Response.MAPPER.createObjectNode();
        node.put("site", rig.key().site().value());
        node.put("rig", rig.key().rig().value());
        node.put("up", registry.isUp(rig));
        node.put("connected", rig.connected());
        node.put("first_seen", rig.firstSeen().toString());
        node.put("last_seen", rig.lastSeen().toString());
        node.put("interval_s", rig.interval().toMillis() / 1000.0);
        node.putRawValue("latest", new RawValue(new String(codec.encode(rig.latest()), StandardCharsets.UTF_8)));
        return node;
    }
}

package io.hashfence.collector.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.compliance.Assessment;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ComplianceEngine.RigCompliance;
import io.hashfence.collector.compliance.Finding;
import io.hashfence.collector.compliance.LocationJson;
import io.hashfence.collector.compliance.PolicyJson;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigRecord;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.screening.Screener;
import io.hashfence.collector.screening.ScreeningJson;
import io.hashfence.protocol.Ids;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.TelemetryCodec;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/rigs} and {@code GET /api/v1/rigs/{site}/{rig}}: each rig's liveness, its compliance state
 * with the evidence behind it, and its latest telemetry exactly as the wire contract spells it. The list comes in
 * pages in (site, rig) order ({@code limit}, {@code next}) and takes the filters of {@link RigFilter}; a page
 * walks the registry's sorted keys from its cursor on, so it costs the rigs it shows (and those its filters skip),
 * never a copy or a sort of the fleet.
 */
public final class RigsEndpoint {
    private static final String LIST = "rigs";
    private static final List<String> PARAMETERS = List.of("limit", "next", "site", "state", "country", "alerting");

    private final RigRegistry registry;
    private final ComplianceEngine compliance;
    private final TelemetryCodec codec;
    private final Screener screener;
    private final AlertBook alerts;
    private final HttpMetrics metrics;

    public RigsEndpoint(
            RigRegistry registry,
            ComplianceEngine compliance,
            TelemetryCodec codec,
            Screener screener,
            AlertBook alerts,
            HttpMetrics metrics) {
        this.registry = registry;
        this.compliance = compliance;
        this.codec = codec;
        this.screener = screener;
        this.alerts = alerts;
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

    private Response page(QueryParameters query) throws BadParameter {
        RigFilter filter = RigFilter.read(query);
        PageRequest page = PageRequest.read(query, LIST, filter.given());
        RigKey after = page.after().isEmpty() ? null : position(page.after().get());
        List<RigRecord> rigs = registry.page(
                after, filter.site().orElse(null), filter.beyondSite(compliance, alerts), page.limit() + 1);
        boolean more = rigs.size() > page.limit();
        List<RigRecord> shown = more ? rigs.subList(0, page.limit()) : rigs;
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("count", shown.size());
        ArrayNode array = body.putArray("rigs");
        shown.forEach(rig -> array.add(view(rig)));
        if (more) {
            RigKey last = shown.get(shown.size() - 1).key();
            body.put(
                    "next",
                    page.nextAfter(last.site().value() + "/" + last.rig().value()));
        }
        return Response.ok(body);
    }

    /** The rig a cursor's position names: {@code site/rig}. */
    private static RigKey position(String position) throws BadParameter {
        int slash = position.indexOf('/');
        String site = slash < 0 ? "" : position.substring(0, slash);
        String rig = slash < 0 ? "" : position.substring(slash + 1);
        if (!Ids.isValid(site) || !Ids.isValid(rig)) {
            throw Cursor.malformed();
        }
        return new RigKey(SiteId.of(site), RigId.of(rig));
    }

    public Response one(Request request) {
        String site = request.pathParameter("site");
        String rig = request.pathParameter("rig");
        if (!Ids.isValid(site) || !Ids.isValid(rig)) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, "site and rig " + Ids.RULE);
        }
        return registry.find(new RigKey(SiteId.of(site), RigId.of(rig)))
                .map(found -> Response.ok(view(found)))
                .orElseGet(() -> Response.error(HttpResponseStatus.NOT_FOUND, "no rig " + site + "/" + rig));
    }

    private ObjectNode view(RigRecord rig) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("site", rig.key().site().value());
        node.put("rig", rig.key().rig().value());
        node.put("up", registry.isUp(rig));
        node.put("connected", rig.connected());
        node.put("first_seen", rig.firstSeen().toString());
        node.put("last_seen", rig.lastSeen().toString());
        node.put("interval_s", rig.interval().toMillis() / 1000.0);
        compliance.find(rig.key()).ifPresent(known -> node.set("compliance", complianceView(known)));
        node.set("screening", ScreeningJson.of(screener.find(rig.key())));
        node.putRawValue("latest", new RawValue(new String(codec.encode(rig.latest()), StandardCharsets.UTF_8)));
        return node;
    }

    private ObjectNode complianceView(RigCompliance known) {
        Assessment a = known.assessment();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("state", a.state().label());
        node.put("since", known.stateSince().toString());
        node.put("trust", a.trust().label());
        if (a.where() != null) {
            // The distance the assessment measured at this very position: no border search for every rig shown.
            LocationJson.put(node, a.where(), a.borderKm() == null ? Double.POSITIVE_INFINITY : a.borderKm());
        }
        if (a.restriction() != null) {
            node.set(
                    "restriction",
                    PolicyJson.restriction(a.restriction())
                            .put("source", a.restriction().source()));
        }
        if (a.nearestRestrictedKm() != null) {
            node.put("nearest_restricted_km", Math.round(a.nearestRestrictedKm() * 10) / 10.0);
        }
        if (a.exemption() != null) {
            node.set("exemption", PolicyJson.exemption(a.exemption()));
        }
        known.connection().ipCountry().ifPresent(country -> node.put("ip_country", country));
        ArrayNode evidence = node.putArray("evidence");
        for (Finding finding : a.findings()) {
            evidence.addObject()
                    .put("kind", finding.kind().label())
                    .put("effect", finding.kind().effect().name().toLowerCase(Locale.ROOT))
                    .put("detail", finding.detail());
        }
        node.put("policy", a.policy());
        node.put("assessed_at", a.at().toString());
        return node;
    }
}

package io.hashfence.collector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.compliance.Assessment;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.SpoofSuspicion;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.judge.RigJudge;
import io.hashfence.protocol.Ids;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/rigs/{site}/{rig}/clear} with {@code {"reason": "...", "by": "name"}}: an operator's
 * word that a rig's spoofing suspicion was false. The reason is required; the clearance is recorded in the
 * event log ({@code suspicion_cleared}) and the rig is judged again. It clears only the suspicion: a
 * violation held at the rig's last restricted position still needs a credible move out.
 */
public final class RigClearEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RigClearEndpoint.class);
    private static final int MAX_REASON = 1000;
    private static final int MAX_NAME = 128;
    private static final String BODY_SHAPE = "body must be a JSON object like {\"reason\": \"why the suspicion is "
            + "false\", \"by\": \"name\"}: reason required (1 to " + MAX_REASON + " characters), by optional (at most "
            + MAX_NAME + "), no control characters";

    private final RigJudge judge;
    private final ComplianceEngine compliance;
    private final CollectorJson json;

    public RigClearEndpoint(RigJudge judge, ComplianceEngine compliance, CollectorJson json) {
        this.judge = judge;
        this.compliance = compliance;
        this.json = json;
    }

    /** The body's reason and name. */
    private record Clearing(String reason, String by) {}

    @Override
    public Response handle(Request request) {
        String site = request.pathParameter("site");
        String rig = request.pathParameter("rig");
        if (!Ids.isValid(site) || !Ids.isValid(rig)) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, "site and rig " + Ids.RULE);
        }
        Optional<Clearing> clearing = clearing(request.body());
        if (clearing.isEmpty()) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, BODY_SHAPE);
        }
        RigKey key = new RigKey(SiteId.of(site), RigId.of(rig));
        if (compliance.find(key).isEmpty()) {
            return Response.error(HttpResponseStatus.NOT_FOUND, "no rig " + key);
        }
        Optional<SpoofSuspicion> cleared = judge.clearSuspicion(
                key, clearing.get().reason(), clearing.get().by());
        if (cleared.isEmpty()) {
            return Response.error(
                    HttpResponseStatus.CONFLICT, "rig " + key + " is not suspected of spoofing; nothing to clear");
        }
        LOG.info(
                "spoofing suspicion on {} (since {}) cleared by {}",
                key,
                cleared.get().since(),
                clearing.get().by());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("site", site);
        body.put("rig", rig);
        body.putObject("cleared")
                .put("since", cleared.get().since().toString())
                .put("suspicion", cleared.get().reason());
        body.put("reason", clearing.get().reason());
        body.put("by", clearing.get().by());
        compliance.find(key).ifPresent(known -> {
            Assessment a = known.assessment();
            body.putObject("compliance")
                    .put("state", a.state().label())
                    .put("trust", a.trust().label())
                    .put("evidence", a.evidence());
        });
        return Response.ok(body);
    }

    private Optional<Clearing> clearing(byte[] content) {
        try {
            JsonNode body = json.read(content);
            if (body == null || !body.isObject()) {
                return Optional.empty();
            }
            Optional<String> reason = text(body.get("reason"), MAX_REASON);
            JsonNode by = body.get("by");
            Optional<String> name = by == null ? Optional.of("api") : text(by, MAX_NAME);
            return reason.isPresent() && name.isPresent()
                    ? Optional.of(new Clearing(reason.get(), name.get()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, int maxLength) {
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        String value = node.textValue().strip();
        boolean control = value.chars().anyMatch(Character::isISOControl);
        return value.isEmpty() || value.length() > maxLength || control ? Optional.empty() : Optional.of(value);
    }
}

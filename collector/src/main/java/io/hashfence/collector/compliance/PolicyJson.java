package io.hashfence.collector.compliance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of policy entries, one shape wherever they appear: the rig API, the locate answer, screening
 * findings and the event log. Callers may add fields after these (the rig API adds a restriction's source).
 */
public final class PolicyJson {
    private PolicyJson() {}

    /** {@code {"code", "severity", "reason"}}. */
    public static ObjectNode restriction(Restriction restriction) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("code", restriction.jurisdiction().code())
                .put("severity", restriction.severity().label())
                .put("reason", restriction.reason());
    }

    /** {@code {"scope", "reason", "expires"}}. */
    public static ObjectNode exemption(Exemption exemption) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("scope", exemption.scope())
                .put("reason", exemption.reason())
                .put("expires", exemption.expires().toString());
    }
}

package io.hashfence.collector.screening;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.compliance.PolicyJson;
import java.util.Optional;

/** A rig's latest screening as the rig API shows it: {@code {"findings": [...], "screened_at", "sanctions_list"}}. */
public final class ScreeningJson {
    private ScreeningJson() {}

    /** The findings of the rig's latest screening, or an empty list when it found nothing. */
    public static ObjectNode of(Optional<Screening> screening) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode findings = node.putArray("findings");
        screening.ifPresent(found -> {
            for (ScreeningFinding finding : found.findings()) {
                ObjectNode item = findings.addObject()
                        .put("alertname", finding.type().alertName())
                        .put("severity", finding.severity().label())
                        .put("summary", finding.summary())
                        .put("evidence", finding.evidence());
                if (!finding.country().isEmpty()) {
                    item.put("country", finding.country());
                }
                if (finding.exempted()) {
                    item.set(
                            "exemption",
                            PolicyJson.exemption(finding.exemption().exemption()));
                }
            }
            node.put("screened_at", found.at().toString());
            node.put("sanctions_list", found.sanctionsList());
        });
        return node;
    }
}

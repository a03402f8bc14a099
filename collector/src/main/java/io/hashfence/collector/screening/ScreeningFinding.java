package io.hashfence.collector.screening;

import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.compliance.Severity;

/**
 * One thing the screening stage found about a rig.
 *
 * @param country the ISO 3166-1 code of the place concerned (the pool's or the connection's country), or empty
 * @param summary one line for people
 * @param evidence the facts behind it: the address, asset and list date; the pool and its located address;
 *                 the connection's address and the designated network
 * @param exemption the exemption that spares the rig this alert, or null
 */
public record ScreeningFinding(
        AlertType type,
        Severity severity,
        String country,
        String summary,
        String evidence,
        ScreeningExemption exemption) {

    public boolean exempted() {
        return exemption != null;
    }
}

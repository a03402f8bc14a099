package io.hashfence.collector.report;

import java.time.Instant;
import java.util.List;

/**
 * An exemption of the policy that was in force at some time in the period, as the event log recorded it.
 *
 * @param spares what it spares: {@value ExemptionLedger#LOCATION} for an exemption from the location
 *     restrictions, else the screening alert it spares ({@code RigOnSanctionedNetwork}, …, or {@code every
 *     screening alert})
 * @param scope {@code site S} or {@code rig S/R}, as the policy names it
 * @param grantedAt when the policy first brought it, or null when that was before the log's first record
 * @param withdrawnAt when a policy without it took over, or null if none did before the period ended
 * @param spared the screening alerts it spared rigs at some time in the period, oldest first
 */
public record ExemptionInForce(
        String spares,
        String scope,
        String reason,
        Instant expires,
        Instant grantedAt,
        Instant withdrawnAt,
        List<SparedScreeningAlert> spared) {
    public ExemptionInForce {
        spared = List.copyOf(spared);
    }

    /** When it stopped being in force: withdrawn or expired, whichever came first. */
    public Instant endedAt() {
        return withdrawnAt != null && withdrawnAt.isBefore(expires) ? withdrawnAt : expires;
    }
}

package io.hashfence.collector.report;

import io.hashfence.geo.Zone;

/**
 * Where a rig was in ISO 3166 terms. All three are null when the rig had no usable location; country and
 * subdivision are null in international waters; the subdivision alone is null where the place has no
 * ISO 3166-2 subdivision (Antarctica, Kosovo, Northern Cyprus, small islands).
 */
public record Place(String country, String subdivision, Zone zone) {
    public static final Place UNKNOWN = new Place(null, null, null);

    public boolean isKnown() {
        return zone != null;
    }
}

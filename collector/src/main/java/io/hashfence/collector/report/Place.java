package io.hashfence.collector.report;

import io.hashfence.geo.Control;
import io.hashfence.geo.Zone;
import java.util.Objects;

/**
 * Where a rig was in ISO 3166 terms. All three are null when the rig had no usable location; country and
 * subdivision are null in international waters; the subdivision alone is null where the place has no
 * ISO 3166-2 subdivision (Antarctica, Kosovo, Northern Cyprus, small islands).
 *
 * @param claimedBy on disputed land, the other state claiming it (Crimea: country RU, claimed by UA); else null
 * @param control whether the country holds disputed land ({@code DE_FACTO}) or part of it ({@code CONTESTED})
 */
public record Place(String country, String subdivision, Zone zone, String claimedBy, Control control) {
    public static final Place UNKNOWN = new Place(null, null, null);

    public Place {
        Objects.requireNonNull(control, "control");
        if ((claimedBy == null) != (control == Control.UNDISPUTED)) {
            throw new IllegalArgumentException("a claimant is present exactly when the place is disputed");
        }
    }

    /** An undisputed place. */
    public Place(String country, String subdivision, Zone zone) {
        this(country, subdivision, zone, null, Control.UNDISPUTED);
    }

    public boolean isKnown() {
        return zone != null;
    }
}

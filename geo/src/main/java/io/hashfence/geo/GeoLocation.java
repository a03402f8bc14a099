package io.hashfence.geo;

import java.util.Objects;

/**
 * The answer to "where is this coordinate?".
 *
 * @param zone        land, territorial sea or international waters
 * @param country     the country whose territory or territorial sea holds the point; for disputed land
 *                    the state in effective control (de facto); {@code null} for INTERNATIONAL
 * @param subdivision the ISO 3166-2 subdivision (of {@code country}, or for disputed land of the claiming
 *                    state); {@code null} for INTERNATIONAL and where no subdivision with an ISO 3166-2
 *                    code holds or lies near the point
 * @param claimedBy   for disputed land, the other state claiming it; otherwise {@code null}
 * @param control     whether the place is disputed, and if so whether the country holds it all or in part
 */
public record GeoLocation(Zone zone, Country country, Subdivision subdivision, Country claimedBy, Control control) {

    static final GeoLocation INTERNATIONAL_WATERS =
            new GeoLocation(Zone.INTERNATIONAL, null, null, null, Control.UNDISPUTED);

    public GeoLocation {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(control, "control");
        if ((claimedBy == null) != (control == Control.UNDISPUTED)) {
            throw new IllegalArgumentException("a claimant is present exactly when the place is disputed");
        }
        if ((zone == Zone.INTERNATIONAL) != (country == null)) {
            throw new IllegalArgumentException("country must be present exactly when the zone is not INTERNATIONAL");
        }
        if (country == null && (subdivision != null || claimedBy != null)) {
            throw new IllegalArgumentException("international waters have no subdivision or claimant");
        }
        if (subdivision != null && !subdivision.isIsoCode()) {
            throw new IllegalArgumentException("not an ISO 3166-2 code: " + subdivision.code());
        }
        if (claimedBy != null && claimedBy.equals(country)) {
            throw new IllegalArgumentException("a country does not claim its own territory: " + country.code());
        }
    }

    /** An undisputed location. */
    public GeoLocation(Zone zone, Country country, Subdivision subdivision) {
        this(zone, country, subdivision, null, Control.UNDISPUTED);
    }
}

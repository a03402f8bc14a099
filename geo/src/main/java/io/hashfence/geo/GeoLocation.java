package io.hashfence.geo;

import java.util.Objects;

/**
 * The answer to "where is this coordinate?".
 *
 * @param zone        land, territorial sea or international waters
 * @param country     the country containing the point (LAND) or owning the nearest coast (TERRITORIAL);
 *                    {@code null} for INTERNATIONAL
 * @param subdivision the subdivision, chosen the same way as {@code country}; {@code null} for INTERNATIONAL
 */
public record GeoLocation(Zone zone, Country country, Subdivision subdivision) {

    static final GeoLocation INTERNATIONAL_WATERS = new GeoLocation(Zone.INTERNATIONAL, null, null);

    public GeoLocation {
        Objects.requireNonNull(zone, "zone");
        if ((zone == Zone.INTERNATIONAL) != (country == null) || (country == null) != (subdivision == null)) {
            throw new IllegalArgumentException(
                    "country and subdivision must be present exactly when the zone is not INTERNATIONAL");
        }
    }
}

package io.hashfence.collector.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.geo.Control;
import io.hashfence.geo.Country;
import io.hashfence.geo.GeoLocation;
import java.util.Locale;

/**
 * A located place as the HTTP API spells it, the same in {@code /api/v1/locate} and the rig API:
 * {@code zone}; {@code country} (with {@code "de_facto": true} when it holds land another state claims);
 * {@code claimed_by}, the other state claiming disputed land (else null); {@code control}, one of
 * {@code undisputed}, {@code de_facto}, {@code contested} ({@link io.hashfence.geo.Control});
 * {@code subdivision}, an ISO 3166-2 subdivision or null; and {@code border_km}, the distance to the
 * nearest border of the country (null beyond {@link io.hashfence.geo.GeoIndex#MAX_DISTANCE_KM}).
 */
public final class LocationJson {
    private LocationJson() {}

    public static void put(ObjectNode node, GeoLocation where, double borderKm) {
        node.put("zone", where.zone().name().toLowerCase(Locale.ROOT));
        if (where.country() == null) {
            node.putNull("country");
        } else {
            country(node.putObject("country"), where.country()).put("de_facto", where.control() == Control.DE_FACTO);
        }
        if (where.claimedBy() == null) {
            node.putNull("claimed_by");
        } else {
            country(node.putObject("claimed_by"), where.claimedBy());
        }
        node.put("control", where.control().name().toLowerCase(Locale.ROOT));
        if (where.subdivision() == null) {
            node.putNull("subdivision");
        } else {
            node.putObject("subdivision")
                    .put("code", where.subdivision().code())
                    .put("name", where.subdivision().name());
        }
        if (Double.isInfinite(borderKm)) {
            node.putNull("border_km");
        } else {
            node.put("border_km", Math.round(borderKm * 100) / 100.0);
        }
    }

    private static ObjectNode country(ObjectNode node, Country country) {
        return node.put("code", country.code()).put("name", country.name());
    }
}

package io.hashfence.collector.compliance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.geo.GeoIndex;
import io.hashfence.geo.GeoLocation;
import java.util.function.Supplier;

/**
 * Answers "where is this coordinate?" in ISO terms and what the policy in force says of the place; the
 * engine behind {@code /api/v1/locate} and {@code hashfence-collector locate}.
 */
public final class Locator {
    private final GeoIndex geo;
    private final Supplier<Policy> policy;

    public Locator(GeoIndex geo, Supplier<Policy> policy) {
        this.geo = geo;
        this.policy = policy;
    }

    /** @throws IllegalArgumentException naming the coordinate that is not finite or out of range */
    public ObjectNode locate(double lat, double lon) {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("lat must be within [-90, 90] degrees, got " + lat);
        }
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("lon must be within [-180, 180] degrees, got " + lon);
        }
        GeoLocation where = geo.locate(lat, lon);
        Policy current = policy.get();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("lat", lat);
        answer.put("lon", lon);
        LocationJson.put(answer, where, geo.borderKm(lat, lon));
        ObjectNode verdict = answer.putObject("policy");
        verdict.put("origin", current.origin());
        current.restrictionAt(where)
                .ifPresentOrElse(
                        r -> verdict.set("restricted", PolicyJson.restriction(r)), () -> verdict.putNull("restricted"));
        double km = current.restrictedRegions().isEmpty()
                ? Double.POSITIVE_INFINITY
                : geo.distanceKm(lat, lon, current.restrictedRegions());
        if (Double.isInfinite(km)) {
            verdict.putNull("nearest_restricted_km");
        } else {
            verdict.put("nearest_restricted_km", Math.round(km * 10) / 10.0);
        }
        verdict.put("near_border_km", current.nearBorderKm());
        return answer;
    }
}

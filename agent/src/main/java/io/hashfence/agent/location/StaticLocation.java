package io.hashfence.agent.location;

import io.hashfence.protocol.Location;
import io.hashfence.protocol.LocationSource;
import java.time.Instant;
import java.util.Optional;

/** A position declared in the config file, with its accuracy in metres and when it was surveyed (may be null). */
public final class StaticLocation implements LocationProvider {
    private final Location location;

    public StaticLocation(double lat, double lon, double accuracyMetres, Instant declaredAt) {
        this.location = new Location(lat, lon, LocationSource.STATIC, accuracyMetres, declaredAt, false);
    }

    @Override
    public Optional<Location> current() {
        return Optional.of(location);
    }

    @Override
    public String describe() {
        return "static position " + location.lat() + ", " + location.lon() + " (accuracy " + location.accuracyMetres()
                + " m)";
    }
}

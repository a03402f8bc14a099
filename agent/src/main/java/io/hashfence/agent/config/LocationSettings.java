package io.hashfence.agent.config;

import java.time.Duration;

/** Where the site's position comes from: nowhere, the config file, or gpsd. */
public sealed interface LocationSettings {
    int DEFAULT_GPSD_PORT = 2947;
    double DEFAULT_ACCURACY_METRES = 100;
    Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    /** No position is reported. */
    record None() implements LocationSettings {}

    /** A declared position in WGS84 degrees with its accuracy in metres. */
    record Static(double lat, double lon, double accuracyMetres) implements LocationSettings {
        public Static {
            if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
                throw new ConfigException(Setting.LOCATION.path() + ": " + Setting.LOCATION_LAT.key()
                        + " must be in [-90, 90] and " + Setting.LOCATION_LON.key() + " in [-180, 180], got "
                        + lat + ", " + lon);
            }
            if (!(accuracyMetres >= 0)) {
                throw new ConfigException(
                        Setting.LOCATION_ACCURACY_M.path() + " must not be negative, got " + accuracyMetres);
            }
        }
    }

    /** gpsd at host:port; fixes older than {@code maxAge} are not reported. */
    record Gpsd(String host, int port, Duration maxAge) implements LocationSettings {
        public Gpsd {
            if (port < 1 || port > 65_535) {
                throw new ConfigException(Setting.GPSD_PORT.path() + " must be within [1, 65535], got " + port);
            }
        }
    }
}

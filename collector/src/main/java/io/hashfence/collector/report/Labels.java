package io.hashfence.collector.report;

import io.hashfence.geo.Control;
import io.hashfence.geo.Zone;
import java.time.Duration;
import java.util.Locale;

/** How the machine-readable renderers spell values that are enums or durations in the model. */
final class Labels {
    private Labels() {}

    static String zone(Zone zone) {
        return zone == null ? null : zone.name().toLowerCase(Locale.ROOT);
    }

    static String control(Control control) {
        return control.name().toLowerCase(Locale.ROOT);
    }

    /** Seconds with millisecond precision. */
    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}

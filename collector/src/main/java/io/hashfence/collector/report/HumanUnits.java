package io.hashfence.collector.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Durations, times and hashrates written for people rather than programs. */
final class HumanUnits {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] HASHRATE_UNITS = {"H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s", "EH/s"};

    private HumanUnits() {}

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** For example "2 d 3 h", "5 min 6 s" or "0 s": at most the two largest units, rounded down. */
    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        if (minutes > 0) {
            return minutes + " min" + (rest > 0 ? " " + rest + " s" : "");
        }
        return rest + " s";
    }

    static String hashrate(double hashesPerSecond) {
        double value = hashesPerSecond;
        int unit = 0;
        while (Math.abs(value) >= 1000 && unit < HASHRATE_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.2f %s", value, HASHRATE_UNITS[unit]);
    }
}

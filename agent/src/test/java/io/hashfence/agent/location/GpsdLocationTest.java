package io.hashfence.agent.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hashfence.agent.testing.Gpsfake;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.LocationSource;
import io.hashfence.testing.Await;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gpsd source against a real gpsd fed by gpsfake with NMEA logs from the test resources. */
class GpsdLocationTest {
    @TempDir
    Path dir;

    private static Path log(String name) throws URISyntaxException {
        return Path.of(GpsdLocationTest.class.getResource("/gps/" + name).toURI());
    }

    @Test
    void reportsTheFixOfARealGpsd() throws Exception {
        try (Gpsfake gpsd = Gpsfake.feeding(log("irkutsk.nmea"), dir);
                GpsdLocation location =
                        GpsdLocation.start("127.0.0.1", gpsd.port(), Duration.ofMinutes(5), Clock.systemUTC())) {
            // gpsd's first fix from a GGA alone has no date, hence no time; the RMC that follows brings it.
            Await.until(
                    "gpsd reports a fix",
                    () -> location.current().map(Location::fixTime).isPresent());

            Location fix = location.current().orElseThrow();
            assertThat(fix.lat()).isCloseTo(52.28673, within(1e-4));
            assertThat(fix.lon()).isCloseTo(104.30005, within(1e-4));
            assertThat(fix.source()).isEqualTo(LocationSource.GPS);
            assertThat(fix.simulated()).isFalse();
            assertThat(fix.fixTime()).isAfter(Instant.parse("2026-11-26T13:59:59Z"));
            assertThat(location.describe()).contains("connected", "52.28");
        }
    }

    @Test
    void passesOnThatAFixIsSimulated() throws Exception {
        try (Gpsfake gpsd = Gpsfake.feeding(log("irkutsk-simulated.nmea"), dir);
                GpsdLocation location =
                        GpsdLocation.start("127.0.0.1", gpsd.port(), Duration.ofMinutes(5), Clock.systemUTC())) {
            Await.until(
                    "gpsd reports a simulated fix",
                    () -> location.current().map(Location::simulated).orElse(false));

            Location fix = location.current().orElseThrow();
            assertThat(fix.lat()).isCloseTo(52.28673, within(1e-4));
            assertThat(fix.accuracyMetres()).as("eph").isPositive();
        }
    }

    @Test
    void ignoresReportsWithoutAFixAndForgetsStaleFixes() {
        Instant start = Instant.parse("2026-11-26T14:00:00Z");
        MutableClock clock = new MutableClock(start);
        GpsdLocation location = GpsdLocation.start("127.0.0.1", 1, Duration.ofMinutes(5), clock);
        try {
            location.accept("{\"class\":\"TPV\",\"mode\":1,\"lat\":10.0,\"lon\":20.0}");
            location.accept("{\"class\":\"SKY\",\"satellites\":[]}");
            location.accept("not json");
            assertThat(location.current()).isEmpty();

            location.accept("{\"class\":\"TPV\",\"mode\":2,\"lat\":10.0,\"lon\":20.0,\"epx\":4.0,\"epy\":6.5}");
            assertThat(location.current())
                    .hasValueSatisfying(fix -> assertThat(fix.accuracyMetres()).isEqualTo(6.5));

            clock.now = start.plus(Duration.ofMinutes(6));
            assertThat(location.current()).isEmpty();
        } finally {
            location.close();
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

package io.hashfence.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.fleet.RigSnapshot;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector's own restart is no clean slate either: the data directory's rig snapshot keeps each rig's location
 * history, so a rig last seen in Texas that claims Oslo a minute after the restart travelled impossibly.
 */
class LocationHistoryAcrossRestartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE = "texas-restart";
    private static final String RIG = "s19-0001";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void aRigSeenInTexasBeforeARestartThatClaimsOsloAMinuteAfterItTravelledImpossibly() throws Exception {
        Path data = dir.resolve("data");
        String token;
        try (RunningCollector collector = new RunningCollector(data, clock, UnaryOperator.identity())) {
            token = collector.addSite(SITE);
            collector.publishAs(SITE, token, at(1, 31.97, -102.08));
        }
        assertThat(Files.readString(data.resolve(RigSnapshot.FILE_NAME)))
                .as("written at shutdown, with the history")
                .contains("\"history\":\"");

        clock.advance(Duration.ofMinutes(1));
        try (RunningCollector restarted = new RunningCollector(data, clock, UnaryOperator.identity())) {
            restarted.publishAs(SITE, token, at(2, 59.91, 10.75));
            HttpResponse<String> rig = restarted.get("/api/v1/rigs/" + SITE + "/" + RIG);
            JsonNode evidence = JSON.readTree(rig.body()).at("/compliance/evidence");
            assertThat(evidence.toString())
                    .as("judged against the fix received before the restart")
                    .contains("impossible_travel", "moved 8112 km in 1.0 min");
        }
    }

    /** A static declaration at a position, sent at the test clock's now. */
    private ObjectNode at(long seq, double lat, double lon) {
        ObjectNode message = TestTelemetry.at(SITE, RIG, seq, lat, lon);
        message.put("time", clock.instant().toString());
        ((ObjectNode) message.get("location")).put("fix_time", clock.instant().toString());
        return message;
    }
}

package io.hashfence.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.testing.CollectorCli;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.RunningCollector;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashfence-collector locate} and {@code GET /api/v1/locate} give the same ISO answer. */
class LocateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theCliNamesCountrySubdivisionAndTheVerdict() {
        CollectorCli.Result irkutsk = run("52.29", "104.29");
        assertThat(irkutsk.exitCode()).isZero();
        assertThat(irkutsk.out())
                .contains("on land in Irkutsk (RU-IRK), Russia (RU)")
                .contains("RESTRICTED RU");
        CollectorCli.Result pacific = run("0", "-160");
        assertThat(pacific.out()).contains("in international waters").contains("not restricted");
        CollectorCli.Result southern = run("-33.92", "18.42");
        assertThat(southern.exitCode())
                .as("negative numbers are coordinates, not options")
                .isZero();
        assertThat(southern.out()).contains("(ZA)");
    }

    @Test
    void badCoordinatesGetAClearErrorAndExitCode2() {
        CollectorCli.Result outOfRange = run("91", "0");
        assertThat(outOfRange.exitCode()).isEqualTo(2);
        assertThat(outOfRange.err()).contains("lat must be within [-90, 90] degrees, got 91.0");
        CollectorCli.Result notANumber = run("north", "0");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).contains("LAT must be a number");
    }

    @Test
    void theHttpApiAnswersTheSameAsTheCli() throws Exception {
        JsonNode cli = JSON.readTree(run("44.95", "34.10", "--json").out());
        try (RunningCollector collector = new RunningCollector(dir)) {
            JsonNode api = JSON.readTree(MetricsScrape.get(collector.http(), "/api/v1/locate?lat=44.95&lon=34.10")
                    .body());
            assertThat(api).isEqualTo(cli);
            assertThat(api.at("/subdivision/code").asText()).isEqualTo("UA-43");
            assertThat(api.at("/country/code").asText()).isEqualTo("RU");
            assertThat(api.get("zone").asText()).isEqualTo("land");
            assertThat(MetricsScrape.get(collector.http(), "/api/v1/locate?lat=NaN&lon=1")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(MetricsScrape.get(collector.http(), "/api/v1/locate?lat=10&lon=200")
                            .body())
                    .contains("lon must be within [-180, 180]");
            assertThat(MetricsScrape.get(collector.http(), "/api/v1/locate?lat=10")
                            .statusCode())
                    .isEqualTo(400);
        }
    }

    private static CollectorCli.Result run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "locate";
        System.arraycopy(args, 0, full, 1, args.length);
        return CollectorCli.run(full);
    }
}

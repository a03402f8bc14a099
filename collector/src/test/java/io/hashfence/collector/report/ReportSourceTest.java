package io.hashfence.collector.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.audit.AuditFiles;
import io.hashfence.collector.audit.Checkpoint;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.json.CollectorJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports from a real, hash-chained event log on disk. */
class ReportSourceTest {
    private static final ReportPeriod OCTOBER =
            new ReportPeriod(Instant.parse(SampleFleet.FROM), Instant.parse(SampleFleet.TO));
    private static final Instant NOW = Instant.parse("2026-11-05T00:00:00Z");

    @TempDir
    Path data;

    @Test
    void theReportNamesTheHeadOfTheWholeVerifiedLog() throws Exception {
        String head = SampleFleet.history()
                .firstSeen("2026-11-03T00:00:00Z", "late", "r9", Where.TEXAS)
                .writeTo(data);

        Report report = ReportSource.read(data, OCTOBER, NOW);

        assertThat(report.chain()).isEqualTo(new ChainHead(head, 21, 21));
        assertThat(report.generatedAt()).isEqualTo(NOW);
        assertThat(report.rigs())
                .as("a rig first seen after the period is not in it")
                .hasSize(8);
    }

    @Test
    void afterCompactionTheCheckpointStandsInForTheRecordsItReplaced() throws Exception {
        String head = SampleFleet.history().writeTo(data);
        Checkpoint checkpoint = FleetHistory.compact(data, "2026-10-09T00:00:00Z");
        Instant compactedUntil = Instant.parse("2026-10-08T09:30:00Z");
        assertThat(checkpoint.throughSeq()).isEqualTo(13);
        assertThat(checkpoint.throughTime()).isEqualTo(compactedUntil);

        Report report = ReportSource.read(data, OCTOBER, NOW);

        assertThat(report.chain()).isEqualTo(new ChainHead(head, 20, 7));
        assertThat(report.compacted()).isEqualTo(new CompactedHistory(13, compactedUntil));
        assertThat(report.rigs())
                .as("rigs known only from the checkpoint are still reported")
                .hasSize(8);
        RigReport irkutsk = rig(report, "irk-01");
        assertThat(irkutsk.violations()).singleElement().satisfies(v -> {
            assertThat(v.beganBeforeCheckpoint()).isTrue();
            assertThat(v.start()).isEqualTo(compactedUntil);
            assertThat(v.ongoing()).isTrue();
            assertThat(v.durationInPeriod()).isEqualTo(Duration.between(compactedUntil, OCTOBER.to()));
        });
        assertThat(irkutsk.atEnd().hashrateHs())
                .as("a checkpoint does not keep hashrates")
                .isNull();
        assertThat(rig(report, "alm-02").violations()).singleElement().satisfies(v -> {
            assertThat(v.beganBeforeCheckpoint()).isTrue();
            assertThat(v.end()).isEqualTo(Instant.parse("2026-10-11T18:00:00Z"));
        });
        assertThat(rig(report, "sev-01").violations())
                .singleElement()
                .satisfies(v -> assertThat(v.beganBeforeCheckpoint()).isFalse());
        assertThat(report.fleet().alerts().opened())
                .as("only alerts after the checkpoint are in the log")
                .isEqualTo(1);

        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(report, new CollectorJson()));
        assertThat(json.at("/compacted/through_seq").asLong()).isEqualTo(13);
        assertThat(json.at("/compacted/through_time").asText()).isEqualTo("2026-10-08T09:30:00Z");
        assertThat(json.at("/fleet/by_country/1/country").asText()).isEqualTo("KZ");
        assertThat(json.at("/fleet/by_country/1/rigs_without_hashrate").asInt()).isEqualTo(1);
        String html = new String(ReportFormat.HTML.render(report, new CollectorJson()), StandardCharsets.UTF_8);
        assertThat(html)
                .contains("Compacted history")
                .contains("Records up to number 13")
                .contains("at or before 2026-10-08 09:30:00 UTC")
                .contains("grep -F ' {\"seq\":20,'")
                .contains("88.00 TH/s (1 rig without a known hashrate)");
    }

    @Test
    void anAlteredCheckpointRefusesTheReport() throws Exception {
        SampleFleet.history().writeTo(data);
        FleetHistory.compact(data, "2026-10-09T00:00:00Z");
        Path checkpoints = data.resolve(AuditFiles.CHECKPOINTS);
        Files.writeString(checkpoints, Files.readString(checkpoints).replaceFirst("\"violation\"", "\"compliant\""));

        assertThatThrownBy(() -> ReportSource.read(data, OCTOBER, NOW))
                .isInstanceOf(BrokenChainException.class)
                .hasMessageContaining("does not verify against the audit public key");
    }

    @Test
    void anEmptyDataDirectoryGivesAnEmptyReportOnTheGenesisHash() throws Exception {
        Report report = ReportSource.read(data, OCTOBER, NOW);

        assertThat(report.chain()).isEqualTo(new ChainHead("0".repeat(64), 0, 0));
        assertThat(report.rigs()).isEmpty();
        assertThat(report.policies()).isEmpty();
    }

    @Test
    void anAlteredRecordRefusesTheReportNamingTheRecord() throws Exception {
        SampleFleet.history().writeTo(data);
        Path log = data.resolve(EventLog.FILE_NAME);
        List<String> lines = Files.readAllLines(log);
        lines.set(2, lines.get(2).replace("\"hashrate_hs\":9.5E13", "\"hashrate_hs\":9.6E13"));
        assertThat(lines.get(2)).as("the record was altered").contains("9.6E13");
        Files.write(log, lines);

        assertThatThrownBy(() -> ReportSource.read(data, OCTOBER, NOW))
                .isInstanceOf(BrokenChainException.class)
                .hasMessageContaining("record 3 (line 3)")
                .hasMessageContaining("hash mismatch");
    }

    private static RigReport rig(Report report, String name) {
        return report.rigs().stream()
                .filter(r -> r.rig().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anIncompleteLastLineIsAWriteInProgressAndLeftOut() throws Exception {
        String head = SampleFleet.history().writeTo(data);
        Files.writeString(
                data.resolve(EventLog.FILE_NAME),
                "0123456789abcdef {\"seq\":21,",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        Report report = ReportSource.read(data, OCTOBER, NOW);

        assertThat(report.chain()).isEqualTo(new ChainHead(head, 20, 20));
    }
}

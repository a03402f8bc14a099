package io.hashfence.collector.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.testing.MutableClock;
import io.hashfence.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed heads in a witness directory against the log: cut, rewritten, and a forged witness line. */
class WitnessTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));

    @TempDir
    Path dataDir;

    @TempDir
    Path witnessDir;

    @Test
    void anUntouchedLogAgreesWithEveryWitnessedHead() throws Exception {
        writeWitnessed(3, 5);
        WitnessCheck.Result result = check();
        assertThat(result.agrees()).as(result.problem().orElse("")).isTrue();
        assertThat(result.witnessed()).as("each head twice").isEqualTo(6);
        assertThat(result.newest()).as("3 rounds of 5").map(WitnessedHead::seq).contains(15L);
    }

    @Test
    void aLogCutBeforeTheNewestWitnessedHeadNamesTheMissingRecords() throws Exception {
        writeWitnessed(2, 5);
        cutTo(7);
        assertThat(check().problem())
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("the log ends at record 7 but record 10 was witnessed at")
                        .endsWith("records 8 to 10 are missing"));
    }

    @Test
    void aLogCutAndWrittenOnPastTheWitnessedHeadNamesTheRecordThatDiffers() throws Exception {
        writeWitnessed(2, 5);
        cutTo(4);
        clock.advance(java.time.Duration.ofMinutes(1));
        try (EventLog log = EventLog.open(dataDir, clock, event -> {})) {
            for (int i = 0; i < 8; i++) {
                log.durable(log.append(
                                EventType.POLICY_CHANGED,
                                null,
                                AuditJson.object().put("i", i)))
                        .get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        }
        assertThat(check().problem())
                .hasValueSatisfying(
                        problem -> assertThat(problem).startsWith("record 5 differs from the one witnessed at"));
    }

    @Test
    void aWitnessLineNotSignedByTheAuditKeyIsNamed() throws Exception {
        writeWitnessed(2, 5);
        Path file = witnessDir.resolve(Witness.FILE_NAME);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        lines.set(3, lines.get(3).replace("\"seq\":10", "\"seq\":9"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThat(check().problem())
                .hasValueSatisfying(
                        problem -> assertThat(problem).contains("line 4 does not verify against the audit public key"));
    }

    @Test
    void anIncompleteLastWitnessLineIsLeftOut() throws Exception {
        writeWitnessed(2, 5);
        Files.writeString(
                witnessDir.resolve(Witness.FILE_NAME),
                "{\"seq\":99,\"ha",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        WitnessCheck.Result result = check();
        assertThat(result.agrees()).as(result.problem().orElse("")).isTrue();
        assertThat(result.witnessed()).isEqualTo(4);
    }

    /** {@code rounds} rounds of {@code perRound} events, the head witnessed after each. */
    private void writeWitnessed(int rounds, int perRound) throws Exception {
        AuditKey key = AuditKey.loadOrCreate(dataDir);
        try (EventLog log = EventLog.open(dataDir, clock, event -> {});
                Witness witness = Witness.open(witnessDir, key, clock)) {
            for (int round = 0; round < rounds; round++) {
                long seq = 0;
                for (int i = 0; i < perRound; i++) {
                    seq = log.append(
                            EventType.POLICY_CHANGED, null, AuditJson.object().put("i", i));
                }
                log.durable(seq).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                witness.witness(log.head());
                witness.witness(log.head());
                clock.advance(java.time.Duration.ofMinutes(1));
            }
        }
    }

    private void cutTo(int records) throws Exception {
        Path log = dataDir.resolve(EventLog.FILE_NAME);
        Files.write(log, Files.readAllLines(log, StandardCharsets.UTF_8).subList(0, records), StandardCharsets.UTF_8);
    }

    private WitnessCheck.Result check() throws Exception {
        WitnessCheck witness = WitnessCheck.read(witnessDir, AuditKey.publicKey(dataDir));
        Map<Long, String> hashes = new HashMap<>();
        AuditFiles.Verified verified = AuditFiles.verify(dataDir, event -> {
            if (witness.witnessedSeqs().contains(event.seq())) {
                hashes.put(event.seq(), event.hash());
            }
        });
        assertThat(verified.intact()).isTrue();
        return witness.compare(verified.chain(), hashes, verified.checkpoint());
    }
}

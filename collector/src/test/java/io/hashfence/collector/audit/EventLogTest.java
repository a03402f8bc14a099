package io.hashfence.collector.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    final RigKey rig = new RigKey(SiteId.of("siberia-01"), RigId.of("s19-0001"));

    @TempDir
    Path dir;

    @Test
    void appendedEventsFormAVerifiableChainThatSurvivesReopening() throws Exception {
        writeEvents(5);
        List<AuditEvent> read = new ArrayList<>();
        ChainVerifier.Result result = ChainVerifier.verify(dir.resolve(EventLog.FILE_NAME), read::add);
        assertThat(result.intact()).isTrue();
        assertThat(result.records()).isEqualTo(5);
        assertThat(read).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(read.get(0).prev()).isEqualTo(EventLogLineFormat.GENESIS);
        assertThat(read.get(1).prev()).isEqualTo(read.get(0).hash());
        assertThat(read.get(4).hash()).isEqualTo(result.headHash());

        try (EventLog reopened = EventLog.open(dir, clock, event -> {})) {
            assertThat(reopened.headHash()).isEqualTo(result.headHash());
            long seq = reopened.append(EventType.POLICY_CHANGED, null, data("n", 6));
            assertThat(seq).isEqualTo(6);
            reopened.durable(seq).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        List<AuditEvent> after = new ArrayList<>();
        assertThat(ChainVerifier.verify(dir.resolve(EventLog.FILE_NAME), after::add)
                        .intact())
                .isTrue();
        assertThat(after.get(5).prev()).isEqualTo(result.headHash());
    }

    @Test
    void eachRecordCanBeCheckedWithStandardTools() throws Exception {
        writeEvents(1);
        String line = Files.readAllLines(dir.resolve(EventLog.FILE_NAME)).get(0);
        String json = line.substring(65);
        assertThat(line.substring(0, 64)).isEqualTo(EventLogLineFormat.sha256(json));
        assertThat(json)
                .startsWith("{\"seq\":1,\"time\":\"2026-11-26T12:00:00Z\",\"type\":\"rig_first_seen\","
                        + "\"site\":\"siberia-01\",\"rig\":\"s19-0001\",\"data\":");
    }

    @Test
    void changingAnyByteIsDetectedAndTheRecordNamed() throws Exception {
        writeEvents(4);
        Path file = dir.resolve(EventLog.FILE_NAME);
        byte[] original = Files.readAllBytes(file);
        Path copy = dir.resolve("tampered.log");
        int line = 1;
        for (int i = 0; i < original.length; i++) {
            byte[] tampered = original.clone();
            tampered[i] = (byte) (tampered[i] == 'x' ? 'y' : 'x');
            Files.write(copy, tampered);
            ChainVerifier.Result result = ChainVerifier.verify(copy, event -> {});
            assertThat(result.problem()).as("byte %d changed", i).isPresent();
            assertThat(result.problem().get().line())
                    .as("byte %d is on line %d", i, line)
                    .isEqualTo(line);
            if (original[i] == '\n') {
                line++;
            }
        }
    }

    @Test
    void removingOrReorderingARecordIsDetected() throws Exception {
        writeEvents(4);
        Path file = dir.resolve(EventLog.FILE_NAME);
        List<String> lines = Files.readAllLines(file);
        List<String> withoutSecond = new ArrayList<>(lines);
        withoutSecond.remove(1);
        Files.write(file, withoutSecond);
        assertThat(ChainVerifier.verify(file, e -> {}).problem())
                .get()
                .satisfies(p ->
                        assertThat(p.toString()).contains("record 2 (line 2)").contains("removed or inserted"));
    }

    @Test
    void aTornLastRecordIsCutOnOpenAndTheChainGoesOn() throws Exception {
        writeEvents(3);
        Path file = dir.resolve(EventLog.FILE_NAME);
        String intact = Files.readString(file);
        Files.writeString(file, intact + "3f2a {\"seq\":4,\"ti", StandardCharsets.UTF_8);
        ChainVerifier.Result torn = ChainVerifier.verify(file, e -> {});
        assertThat(torn.problem()).get().extracting(ChainVerifier.Problem::torn).isEqualTo(true);
        try (EventLog log = EventLog.open(dir, clock, e -> {})) {
            log.durable(log.append(EventType.POLICY_CHANGED, null, data("n", 4)))
                    .get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        ChainVerifier.Result repaired = ChainVerifier.verify(file, e -> {});
        assertThat(repaired.intact()).isTrue();
        assertThat(repaired.records()).isEqualTo(4);
    }

    @Test
    void aBrokenRecordInTheMiddleStopsTheCollectorFromAppending() throws Exception {
        writeEvents(3);
        Path file = dir.resolve(EventLog.FILE_NAME);
        Files.writeString(file, Files.readString(file).replaceFirst("siberia-01", "siberia-02"));
        assertThatThrownBy(() -> EventLog.open(dir, clock, e -> {}))
                .hasMessageContaining("record 1 (line 1): hash mismatch")
                .hasMessageContaining("verify");
    }

    @Test
    void manyConcurrentAppendsAreAllDurableInOneChain() throws Exception {
        try (EventLog log = EventLog.open(dir, clock, e -> {})) {
            List<CompletableFuture<Void>> durable = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        long seq = log.append(EventType.RELOCATED, rig, data("i", i));
                        synchronized (durable) {
                            durable.add(log.durable(seq));
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new))
                    .get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        ChainVerifier.Result result = ChainVerifier.verify(dir.resolve(EventLog.FILE_NAME), e -> {});
        assertThat(result.intact()).isTrue();
        assertThat(result.records()).isEqualTo(1000);
    }

    private void writeEvents(int count) throws Exception {
        try (EventLog log = EventLog.open(dir, clock, e -> {})) {
            long last = 0;
            for (int i = 1; i <= count; i++) {
                last = log.append(i == 1 ? EventType.RIG_FIRST_SEEN : EventType.RELOCATED, rig, data("n", i));
                clock.advance(Duration.ofMinutes(1));
            }
            log.durable(last).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static ObjectNode data(String field, int value) {
        return AuditJson.object().put(field, value).put("state", "compliant").put("trust", "medium");
    }
}

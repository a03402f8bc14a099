package io.hashfence.collector.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention drops old records but never verifiability: a signed checkpoint anchors what remains. */
class CompactionTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(START);

    @TempDir
    Path dir;

    @Test
    void compactionKeepsTheRestVerifiableAndTheSummarisedStateRebuildable() throws Exception {
        AuditKey key = AuditKey.loadOrCreate(dir);
        try (EventLog log = EventLog.open(dir, clock, e -> {})) {
            for (int i = 1; i <= 10; i++) {
                log.append(EventType.RIG_FIRST_SEEN, rig("rig-" + i), place(i % 2 == 0 ? "violation" : "compliant"));
                clock.advance(Duration.ofDays(1));
            }
            log.durable(log.lastEnqueued()).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            Optional<Checkpoint> checkpoint = log.compact(START.plus(Duration.ofDays(5)), key);
            assertThat(checkpoint).get().extracting(Checkpoint::throughSeq).isEqualTo(5L);
            log.durable(log.append(EventType.POLICY_CHANGED, null, AuditJson.object()))
                    .get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        List<AuditEvent> kept = new ArrayList<>();
        AuditFiles.Verified verified = AuditFiles.verify(dir, kept::add);
        assertThat(verified.intact()).as(verified.chain().problem().toString()).isTrue();
        assertThat(kept).extracting(AuditEvent::seq).containsExactly(6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(verified.checkpoint().get().state().get("rigs")).hasSize(5);

        LogReplay replay = LogReplay.startingFrom(dir);
        try (EventLog reopened = EventLog.open(dir, clock, replay)) {
            assertThat(reopened.headSeq()).isEqualTo(11);
        }
        assertThat(replay.rigs()).hasSize(10);

        try (EventLog log = EventLog.open(dir, clock, e -> {})) {
            assertThat(log.compact(START.plus(Duration.ofDays(8)), key))
                    .get()
                    .extracting(Checkpoint::throughSeq)
                    .isEqualTo(8L);
        }
        AuditFiles.Verified again = AuditFiles.verify(dir, e -> {});
        assertThat(again.intact()).isTrue();
        assertThat(again.checkpoint().get().state().get("rigs"))
                .as("the first checkpoint's rigs carried on")
                .hasSize(8);
    }

    @Test
    void anAlteredCheckpointDoesNotVerify() throws Exception {
        AuditKey key = AuditKey.loadOrCreate(dir);
        try (EventLog log = EventLog.open(dir, clock, e -> {})) {
            for (int i = 1; i <= 4; i++) {
                log.append(EventType.RIG_FIRST_SEEN, rig("rig-" + i), place("violation"));
                clock.advance(Duration.ofDays(1));
            }
            log.durable(log.lastEnqueued()).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            log.compact(START.plus(Duration.ofDays(2)), key);
        }
        Path checkpoints = dir.resolve(AuditFiles.CHECKPOINTS);
        Files.writeString(checkpoints, Files.readString(checkpoints).replace("\"violation\"", "\"compliant\""));
        AuditFiles.Verified verified = AuditFiles.verify(dir, e -> {});
        assertThat(verified.intact()).isFalse();
        assertThat(verified.chain().problem().get().reason()).contains("does not verify against the audit public key");
    }

    private static RigKey rig(String id) {
        return new RigKey(SiteId.of("site-1"), RigId.of(id));
    }

    private static ObjectNode place(String state) {
        return AuditJson.object()
                .put("state", state)
                .put("trust", "medium")
                .put("country", "RU")
                .put("subdivision", "RU-IRK")
                .put("zone", "land")
                .put("hashrate_hs", 1e14);
    }
}

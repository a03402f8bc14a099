package io.hashfence.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private static byte[] payload(int n) {
        return ("{\"seq\":" + n + ",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Outbox.Message message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void messagesComeBackInOrderWithTheirTopics() {
        try (Outbox outbox = Outbox.open(dir, MIB)) {
            for (int i = 0; i < 10; i++) {
                assertThat(outbox.add("hashfence/v1/s/rig-" + i + "/telemetry", payload(i)))
                        .isTrue();
            }
            List<Outbox.Message> messages = outbox.read(0, 100);

            assertThat(messages)
                    .extracting(Outbox.Message::index)
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(messages.get(3).topic()).isEqualTo("hashfence/v1/s/rig-3/telemetry");
            assertThat(text(messages.get(3))).startsWith("{\"seq\":3,");
            assertThat(outbox.read(7, 2)).extracting(Outbox.Message::index).containsExactly(7L, 8L);
        }
    }

    @Test
    void unacknowledgedMessagesSurviveAReopenAndAcknowledgedOnesDoNot() {
        try (Outbox outbox = Outbox.open(dir, MIB)) {
            for (int i = 0; i < 10; i++) {
                outbox.add("t", payload(i));
            }
            outbox.acknowledge(6);
        }
        try (Outbox reopened = Outbox.open(dir, MIB)) {
            assertThat(reopened.firstUndelivered()).isEqualTo(6);
            assertThat(reopened.counts().pending()).isEqualTo(4);
            assertThat(reopened.read(reopened.firstUndelivered(), 100))
                    .extracting(OutboxTest::text)
                    .allSatisfy(text -> assertThat(text).matches("\\{\"seq\":[6-9],.*"));
            reopened.add("t", payload(10));
            assertThat(reopened.end()).as("numbering continues after a restart").isEqualTo(11);
        }
    }

    @Test
    void aRecordTornByACrashIsCutAndEverythingBeforeItKept() throws IOException {
        try (Outbox outbox = Outbox.open(dir, MIB)) {
            for (int i = 0; i < 5; i++) {
                outbox.add("t", payload(i));
            }
        }
        Path segment = segments().get(0);
        long intact = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            // Half of a sixth record: its header and part of its bytes, as a SIGKILL mid-write leaves it.
            file.seek(intact);
            file.writeInt(220);
            file.writeInt(12345);
            file.write(new byte[50]);
        }

        try (Outbox reopened = Outbox.open(dir, MIB)) {
            assertThat(reopened.counts().pending()).isEqualTo(5);
            assertThat(Files.size(segment)).isEqualTo(intact);
            reopened.add("t", payload(5));
            assertThat(reopened.read(0, 10))
                    .extracting(OutboxTest::text)
                    .allSatisfy(text -> assertThat(text).startsWith("{\"seq\":"))
                    .hasSize(6);
        }
    }

    @Test
    void aCorruptedRecordIsDetectedByItsChecksum() throws IOException {
        try (Outbox outbox = Outbox.open(dir, MIB)) {
            for (int i = 0; i < 5; i++) {
                outbox.add("t", payload(i));
            }
        }
        Path segment = segments().get(0);
        long recordBytes = Files.size(segment) / 5;
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(3 * recordBytes + 20);
            file.write('#');
        }
        try (Outbox reopened = Outbox.open(dir, MIB)) {
            assertThat(reopened.counts().pending()).as("records 0-2 are intact").isEqualTo(3);
        }
    }

    @Test
    void whenFullTheOldestSegmentIsDroppedAndCounted() throws IOException {
        int records = 20_000;
        try (Outbox outbox = Outbox.open(dir, MIB)) {
            for (int i = 0; i < records; i++) {
                outbox.add("t", payload(i));
            }
            Outbox.Counts counts = outbox.counts();

            assertThat(counts.storedBytes()).isLessThanOrEqualTo(MIB);
            assertThat(counts.dropped()).isPositive();
            assertThat(counts.pending() + counts.dropped()).isEqualTo(records);
            long bytesOnDisk = 0;
            for (Path segment : segments()) {
                bytesOnDisk += Files.size(segment);
            }
            assertThat(bytesOnDisk).isLessThanOrEqualTo(MIB);
            List<Outbox.Message> oldest = outbox.read(0, 1);
            assertThat(oldest.get(0).index()).isEqualTo(counts.dropped());
            assertThat(outbox.read(records - 1, 1))
                    .extracting(OutboxTest::text)
                    .singleElement()
                    .asString()
                    .startsWith("{\"seq\":" + (records - 1) + ",");
        }
    }

    @Test
    void deliveredSegmentsAreDeleted() throws IOException {
        try (Outbox outbox = Outbox.open(dir, MIB)) {
            for (int i = 0; i < 3_000; i++) {
                outbox.add("t", payload(i));
            }
            int before = segments().size();
            outbox.acknowledge(3_000);

            assertThat(before).isGreaterThan(1);
            assertThat(segments()).hasSize(1);
            assertThat(outbox.counts().pending()).isZero();
            assertThat(outbox.read(0, 10)).isEmpty();
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".seg"))
                    .sorted()
                    .toList();
        }
    }
}

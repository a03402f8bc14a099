package io.hashfence.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SequenceJournalTest {
    private static final RigKey S19 = new RigKey(SiteId.of("texas-01"), RigId.of("s19-0001"));
    private static final RigKey M30 = new RigKey(SiteId.of("quebec-02"), RigId.of("m30s-0042"));

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger journalLogger = (Logger) LoggerFactory.getLogger(SequenceJournal.class);

    @BeforeEach
    void captureLog() {
        log.start();
        journalLogger.addAppender(log);
        journalLogger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLog() {
        journalLogger.detachAppender(log);
        journalLogger.setLevel(null);
    }

    @Test
    void whatWasDurableBeforeACrashIsADuplicateAfterIt() throws Exception {
        SequenceWindows before = new SequenceWindows();
        SequenceJournal crashed = SequenceJournal.open(dir, before);
        arrive(before, crashed, S19, 1_000, 1_001, 1_003);
        arrive(before, crashed, M30, 7);
        crashed.durable(crashed.lastEnqueued()).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        // Not closed: the writer thread simply stops being used, as after SIGKILL.

        SequenceWindows after = new SequenceWindows();
        try (SequenceJournal restarted = SequenceJournal.open(dir, after)) {
            assertThat(after.markNew(S19, 1_001)).isFalse();
            assertThat(after.markNew(S19, 1_003)).isFalse();
            assertThat(after.markNew(M30, 7)).isFalse();
            assertThat(after.markNew(S19, 1_002)).as("never arrived").isTrue();
            assertThat(after.markNew(M30, 8)).isTrue();
        }
        assertThat(messages()).anyMatch(line -> line.contains("4 records read, sequence windows of 2 rigs restored"));
    }

    @Test
    void aTornLastRecordIsCutAndEverythingBeforeItKept() throws Exception {
        Path file = dir.resolve(SequenceJournal.FILE_NAME);
        SequenceWindows before = new SequenceWindows();
        try (SequenceJournal journal = SequenceJournal.open(dir, before)) {
            arrive(before, journal, S19, 10, 11, 12, 13);
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        long tornAt = bytes.length - recordBytes(S19);

        SequenceWindows after = new SequenceWindows();
        SequenceJournal.open(dir, after).close();

        assertThat(after.markNew(S19, 12)).isFalse();
        assertThat(after.markNew(S19, 13)).as("its record was torn").isTrue();
        assertThat(messages())
                .anyMatch(line -> line.startsWith(file + ": cutting a torn last record at offset " + tornAt + " "));
        assertThat(damagedCopies()).isEmpty();
    }

    @Test
    void damageInTheMiddleIsReportedWithItsOffsetSkippedAndTheFileKept() throws Exception {
        Path file = dir.resolve(SequenceJournal.FILE_NAME);
        SequenceWindows before = new SequenceWindows();
        try (SequenceJournal journal = SequenceJournal.open(dir, before)) {
            arrive(before, journal, S19, 1, 2, 3, 4);
            arrive(before, journal, M30, 5);
        }
        long damagedAt = JournalFormat.HEADER.length + 2L * recordBytes(S19);
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) damagedAt + 3] ^= 0x20;
        Files.write(file, bytes);

        SequenceWindows after = new SequenceWindows();
        SequenceJournal.open(dir, after).close();

        assertThat(after.markNew(S19, 2)).isFalse();
        assertThat(after.markNew(S19, 3)).as("in the damaged record").isTrue();
        assertThat(after.markNew(S19, 4)).as("after the damage").isFalse();
        assertThat(after.markNew(M30, 5)).isFalse();
        assertThat(messages())
                .contains(file + ": bytes at offsets " + damagedAt + " to " + (damagedAt + recordBytes(S19))
                        + " are unreadable (checksum mismatch); skipped, the records around them were read");
        assertThat(damagedCopies())
                .singleElement()
                .satisfies(copy -> assertThat(Files.readAllBytes(copy)).isEqualTo(bytes));
    }

    @Test
    void aFileThatIsNoJournalIsReportedAndSetAsideNotFatal() throws Exception {
        Path file = dir.resolve(SequenceJournal.FILE_NAME);
        Files.writeString(file, "seq,site,rig\n1,texas-01,s19-0001\n", StandardCharsets.UTF_8);
        long size = Files.size(file);

        SequenceWindows windows = new SequenceWindows();
        try (SequenceJournal journal = SequenceJournal.open(dir, windows)) {
            arrive(windows, journal, S19, 1);
            journal.durable(journal.lastEnqueued()).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(messages())
                .anyMatch(line -> line.startsWith(
                        file + ": bytes at offsets 0 to " + size + " are unreadable (no sequence journal header)"));
        assertThat(damagedCopies()).hasSize(1);
        SequenceWindows reread = new SequenceWindows();
        SequenceJournal.open(dir, reread).close();
        assertThat(reread.markNew(S19, 1)).isFalse();
    }

    @Test
    void aNumberBelowTheWindowIsLetThroughAfterReplayAsBefore() throws Exception {
        SequenceWindows before = new SequenceWindows();
        try (SequenceJournal journal = SequenceJournal.open(dir, before)) {
            arrive(before, journal, S19, 5_000, 5_000 - SeenSequences.WINDOW - 10, 4_990);
        }
        SequenceWindows after = new SequenceWindows();
        SequenceJournal.open(dir, after).close();
        assertThat(save(after)).isEqualTo(save(before));
        assertThat(after.markNew(S19, 5_000 - SeenSequences.WINDOW - 10))
                .as("older than the window")
                .isTrue();
        assertThat(after.markNew(S19, 4_990)).isFalse();
    }

    @Test
    void compactionWhileRigsReportKeepsEveryWindowExact() throws Exception {
        SequenceWindows before = new SequenceWindows();
        List<RigKey> rigs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rigs.add(new RigKey(SiteId.of("site-" + i % 3), RigId.of("rig-" + i)));
        }
        try (SequenceJournal journal = SequenceJournal.open(dir, before, 4_096)) {
            List<Thread> loops = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                Thread loop = new Thread(() -> {
                    for (int i = 1; i <= 20_000; i++) {
                        RigKey rig = rigs.get(random.nextInt(rigs.size()));
                        long seq = random.nextInt(3_000);
                        before.markNew(rig, seq);
                        journal.append(rig, seq);
                        if (i % 500 == 0) {
                            pause();
                        }
                    }
                });
                loop.start();
                loops.add(loop);
            }
            for (Thread loop : loops) {
                loop.join();
            }
            journal.durable(journal.lastEnqueued()).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(messages())
                .filteredOn(line -> line.startsWith("compacted the sequence journal"))
                .as("compacted at open and again as it grew")
                .hasSizeGreaterThan(2);
        SequenceWindows after = new SequenceWindows();
        SequenceJournal.open(dir, after).close();
        assertThat(save(after)).isEqualTo(save(before));
    }

    /** Lets the writer take many small batches (and compact between them) rather than a few large ones. */
    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One 'S' record: type, two ids with their lengths, the number, the checksum. */
    private static int recordBytes(RigKey rig) {
        return 1 + 1 + rig.site().value().length() + 1 + rig.rig().value().length() + 8 + 4;
    }

    private static void arrive(SequenceWindows windows, SequenceJournal journal, RigKey rig, long... seqs) {
        for (long seq : seqs) {
            windows.markNew(rig, seq);
            journal.append(rig, seq);
        }
    }

    private static Map<RigKey, SequenceWindow> save(SequenceWindows windows) {
        Map<RigKey, SequenceWindow> saved = new HashMap<>();
        windows.forEach(saved::put);
        return saved;
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<Path> damagedCopies() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            path -> path.getFileName().toString().startsWith(SequenceJournal.FILE_NAME + ".damaged-"))
                    .toList();
        }
    }
}

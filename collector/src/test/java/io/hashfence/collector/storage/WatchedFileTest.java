package io.hashfence.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.testing.Await;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched file's change takes effect within seconds; a broken one is refused and the last good value stays. */
class WatchedFileTest {
    private final List<Integer> reloaded = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @Test
    void aChangedFileTakesEffectAndABrokenOneIsRefusedKeepingTheLastGoodValue() throws Exception {
        Path file = dir.resolve("number");
        write(file, "1");
        try (WatchedFile<Integer> watched = watch(file, null)) {
            assertThat(watched.get()).isEqualTo(1);

            write(file, "2");
            Await.until("the change is read", () -> watched.get() == 2);
            assertThat(reloaded).containsExactly(2);

            write(file, "two");
            Await.until("the broken file is refused", () -> !refused.isEmpty());
            assertThat(refused).containsExactly("For input string: \"two\"");
            assertThat(watched.get()).as("the last good value stays").isEqualTo(2);

            write(file, "3");
            assertThat(watched.reload()).as("a reload on demand (SIGHUP)").isTrue();
            assertThat(watched.get()).isEqualTo(3);
            // The watcher may have seen the same change first: then 3 was read twice, still nothing else.
            assertThat(reloaded).startsWith(2, 3).containsOnly(2, 3);
            assertThat(refused).hasSize(1);
        }
    }

    @Test
    void whileTheFileIsAbsentTheFallbackHoldsAndTheFileIsReadOnceItAppears() throws Exception {
        Path file = dir.resolve("number");
        try (WatchedFile<Integer> watched = watch(file, 0)) {
            assertThat(watched.get()).isEqualTo(0);

            write(file, "7");
            Await.until("the new file is read", () -> watched.get() == 7);
            assertThat(reloaded).containsExactly(7);
            assertThat(refused).isEmpty();
        }
    }

    @Test
    void withoutAFallbackAFileThatCannotBeReadAtStartIsTheCallersError() {
        assertThatThrownBy(() -> watch(dir.resolve("missing"), null)).isInstanceOf(NoSuchFileException.class);
        assertThat(reloaded).isEmpty();
    }

    private WatchedFile<Integer> watch(Path file, Integer whenAbsent) throws Exception {
        return WatchedFile.watch(
                file,
                "number",
                path -> Integer.valueOf(Files.readString(path).strip()),
                whenAbsent == null ? null : () -> whenAbsent,
                reloaded::add,
                e -> refused.add(e.getMessage()));
    }

    /**
     * Replaces the file at once (so the watcher never reads it half written) with a new modification time, so
     * that the change is seen even within one timestamp tick.
     */
    private static void write(Path file, String text) throws Exception {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), text);
        Files.setLastModifiedTime(next, FileTime.from(Instant.now().plusMillis(System.nanoTime() % 1000)));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package io.hashfence.collector.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file an operator edits while the collector runs, read into a {@code T}: read again when its modification
 * time changes (checked every second) and on demand (SIGHUP). A file that fails to read is refused and the
 * last good value stays in force; the owner hears of both outcomes, to count, log and act on them.
 */
public final class WatchedFile<T> implements Supplier<T>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedFile.class);

    /** Reads the file; its exception's message says what is wrong (the line, where there is one). */
    @FunctionalInterface
    public interface Reader<T, E extends Exception> {
        T read(Path file) throws E;
    }

    private final Path file;
    private final String name;
    private final Reader<T, ?> reader;
    private final Consumer<T> onReload;
    private final Consumer<Exception> onRefusal;
    private final AtomicReference<T> current;
    private final ScheduledExecutorService watcher;
    private volatile FileTime seen;

    private WatchedFile(
            Path file,
            String name,
            Reader<T, ?> reader,
            Consumer<T> onReload,
            Consumer<Exception> onRefusal,
            T initial,
            FileTime seen) {
        this.file = file;
        this.name = name;
        this.reader = reader;
        this.onReload = onReload;
        this.onRefusal = onRefusal;
        this.current = new AtomicReference<>(initial);
        this.seen = seen;
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-watcher");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Reads the file now and starts watching it; a file that fails to read now is the caller's error, as
     * there is no last good value yet.
     *
     * @param name what the file holds, for the watcher thread's name and the log ("policy", "sanctions")
     * @param whenAbsent the value while the file does not exist, or null when a missing file is an error
     * @param onReload called after a changed file's new value took effect
     * @param onRefusal called when a changed file failed to read, with the reason; the last good value stays
     */
    public static <T, E extends Exception> WatchedFile<T> watch(
            Path file,
            String name,
            Reader<T, E> reader,
            Supplier<T> whenAbsent,
            Consumer<T> onReload,
            Consumer<Exception> onRefusal)
            throws E {
        FileTime seen = modified(file);
        T initial = seen == null && whenAbsent != null ? whenAbsent.get() : reader.read(file);
        return new WatchedFile<>(file, name, reader, onReload, onRefusal, initial, seen);
    }

    @Override
    public T get() {
        return current.get();
    }

    public Path file() {
        return file;
    }

    /** Reads the file again now; returns whether its new value took effect. */
    public synchronized boolean reload() {
        seen = modified(file);
        T value;
        try {
            value = reader.read(file);
        } catch (Exception e) {
            onRefusal.accept(e);
            return false;
        }
        current.set(value);
        onReload.accept(value);
        return true;
    }

    private void reloadIfChanged() {
        try {
            FileTime now = modified(file);
            if (now != null && !now.equals(seen)) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.error("{} file watch failed; it goes on", name, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}

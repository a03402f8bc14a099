package io.hashfence.collector.compliance;

import io.hashfence.collector.metrics.ReloadMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in force. With a policy file it reloads when the file changes (checked every second) and on
 * SIGHUP; an invalid file is refused with an error naming the line, the last good policy stays in
 * force, and {@code hashfence_policy_reloads_total{result="invalid"}} counts it.
 */
public final class PolicyStore implements Supplier<Policy>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyStore.class);

    private final Path file;
    private final PolicyParser parser;
    private final Runnable onChange;
    private final AtomicReference<Policy> current = new AtomicReference<>();
    private final ReloadMetrics reloads;
    private final ScheduledExecutorService watcher;
    private volatile FileTime seen;

    /**
     * Loads the policy at once; a bad file at start-up is an error (there is no last good policy yet).
     *
     * @param file the policy file, or null for the shipped default
     * @param onChange called after a new policy takes effect, to re-judge every rig
     */
    public PolicyStore(Path file, PolicyParser parser, ReloadMetrics reloads, Runnable onChange)
            throws PolicyException {
        this.file = file;
        this.parser = parser;
        this.onChange = onChange;
        this.reloads = reloads;
        if (file == null) {
            current.set(parser.defaultPolicy());
            watcher = null;
        } else {
            seen = modified();
            current.set(read());
            watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "policy-watcher");
                thread.setDaemon(true);
                return thread;
            });
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
        }
        reloads.loaded();
        Policy policy = current.get();
        LOG.info("policy {}: {} restricted jurisdictions ({}), near-border warning within {} km, {} exemption(s)",
                policy.origin(), policy.restrictions().size(), String.join(", ", policy.restrictedCodes().stream()
                        .sorted().toList()), policy.nearBorderKm(), policy.exemptions().size());
    }

    @Override
    public Policy get() {
        return current.get();
    }

    public boolean watchesFile() {
        return file != null;
    }

    /** Reads the file again now (SIGHUP); returns whether a new policy took effect. */
    public synchronized boolean reload() {
        if (file == null) {
            LOG.info("no policy file configured; the default policy stays in force");
            return false;
        }
        seen = modified();
        try {
            Policy policy = read();
            current.set(policy);
            reloads.loaded();
            LOG.info("policy reloaded from {}: {} restricted jurisdictions, {} exemption(s)", file,
                    policy.restrictions().size(), policy.exemptions().size());
            onChange.run();
            return true;
        } catch (PolicyException | RuntimeException e) {
            reloads.invalid();
            LOG.error("refused policy change, the last good policy stays in force: {}", e.getMessage());
            return false;
        }
    }

    private void reloadIfChanged() {
        try {
            FileTime now = modified();
            if (now != null && !now.equals(seen)) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.error("policy file watch failed; it goes on", e);
        }
    }

    private Policy read() throws PolicyException {
        try {
            return parser.parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new PolicyException(file + ": no such file");
        } catch (IOException e) {
            throw new PolicyException(file + ": " + e.getMessage());
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}

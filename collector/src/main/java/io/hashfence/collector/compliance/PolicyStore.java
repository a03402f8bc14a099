package io.hashfence.collector.compliance;

import io.hashfence.collector.metrics.ReloadMetrics;
import io.hashfence.collector.storage.WatchedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    private final Runnable onChange;
    private final ReloadMetrics reloads;
    private final Policy defaultPolicy;
    private final WatchedFile<Policy> watched;

    /**
     * Loads the policy at once; a bad file at start-up is an error (there is no last good policy yet).
     *
     * @param file the policy file, or null for the shipped default
     * @param onChange called after a new policy takes effect, to re-judge every rig
     */
    public PolicyStore(Path file, PolicyParser parser, ReloadMetrics reloads, Runnable onChange)
            throws PolicyException {
        this.onChange = onChange;
        this.reloads = reloads;
        this.defaultPolicy = file == null ? parser.defaultPolicy() : null;
        this.watched = file == null
                ? null
                : WatchedFile.watch(file, "policy", path -> read(parser, path), null, this::reloaded, this::refused);
        reloads.loaded();
        Policy policy = get();
        LOG.info(
                "policy {}: {} restricted jurisdictions ({}), near-border warning within {} km, {} exemption(s)",
                policy.origin(),
                policy.restrictions().size(),
                String.join(", ", policy.restrictedCodes().stream().sorted().toList()),
                policy.nearBorderKm(),
                policy.exemptions().size());
    }

    @Override
    public Policy get() {
        return watched == null ? defaultPolicy : watched.get();
    }

    /** Reads the file again now (SIGHUP); returns whether a new policy took effect. */
    public boolean reload() {
        if (watched == null) {
            LOG.info("no policy file configured; the default policy stays in force");
            return false;
        }
        return watched.reload();
    }

    private void reloaded(Policy policy) {
        reloads.loaded();
        LOG.info(
                "policy reloaded from {}: {} restricted jurisdictions, {} exemption(s)",
                watched.file(),
                policy.restrictions().size(),
                policy.exemptions().size());
        onChange.run();
    }

    private void refused(Exception reason) {
        reloads.invalid();
        LOG.error("refused policy change, the last good policy stays in force: {}", reason.getMessage());
    }

    private static Policy read(PolicyParser parser, Path file) throws PolicyException {
        try {
            return parser.parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new PolicyException(file + ": no such file");
        } catch (IOException e) {
            throw new PolicyException(file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (watched != null) {
            watched.close();
        }
    }
}

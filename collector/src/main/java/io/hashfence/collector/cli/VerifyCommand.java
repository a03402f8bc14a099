package io.hashfence.collector.cli;

import io.hashfence.collector.audit.AuditFiles;
import io.hashfence.collector.audit.AuditKey;
import io.hashfence.collector.audit.ChainVerifier;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.audit.WitnessCheck;
import io.hashfence.collector.config.StoreConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: checks the whole event log's hash chain and names the first bad record; with a shared store
 * ({@code store.url} in {@code --config}) every collector's chain in the store as well.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verify the event log's hash chain; exit 0 if intact, 1 naming the first bad record. With "
                + "--witness-dir also check that the log reaches, and agrees with, every head witnessed there. With "
                + "--config naming a store.url also verify every collector's chain in the shared store, and that "
                + "this collector's agrees with its events.log.")
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirFromConfigOptions dataDir;

    @Option(
            names = "--witness-dir",
            paramLabel = "DIR",
            description = "the witness directory the collector signed its log's head into (run --witness-dir)")
    Path witnessDir;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir.resolve();
        Path file = dir.resolve(EventLog.FILE_NAME);
        Optional<StoreConfig> store = dataDir.sharedStore();
        PrintWriter out = spec.commandLine().getOut();
        if (store.isEmpty() || Files.exists(file)) {
            Map<Long, String> localHashes = new HashMap<>();
            boolean intact = verifyLocal(dir, file, out, store.isPresent() ? localHashes : null);
            if (store.isEmpty()) {
                return intact ? 0 : 1;
            }
            return new FleetVerification(store.get(), out).verify(localHashes) && intact ? 0 : 1;
        }
        out.printf("no event log at %s: verifying the shared store's chains only%n", file);
        return new FleetVerification(store.get(), out).verify(null) ? 0 : 1;
    }

    /** The data directory's log; every record's hash goes into {@code localHashes} when it is not null. */
    private boolean verifyLocal(Path dir, Path file, PrintWriter out, Map<Long, String> localHashes)
            throws IOException {
        if (!Files.exists(file)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no event log at " + file
                            + " (set the data directory with --data-dir, --config or HASHFENCE_DATA_DIR)");
        }
        WitnessCheck witness = witnessDir == null ? null : readWitness(dir);
        Set<Long> witnessed = witness == null ? Set.of() : witness.witnessedSeqs();
        Map<Long, String> hashes = new HashMap<>();
        AuditFiles.Verified verified = AuditFiles.verify(dir, event -> {
            if (witnessed.contains(event.seq())) {
                hashes.put(event.seq(), event.hash());
            }
            if (localHashes != null) {
                localHashes.put(event.seq(), event.hash());
            }
        });
        ChainVerifier.Result result = verified.chain();
        verified.checkpoint()
                .ifPresent(checkpoint -> out.printf(
                        "checkpoint: records up to %d (%s) compacted; signed by audit key %s%n",
                        checkpoint.throughSeq(),
                        checkpoint.throughTime(),
                        AuditKey.fingerprint(uncheckedPublicKey(dir))));
        if (!result.intact()) {
            out.printf(
                    "BROKEN: %s%n%d records before it verify; last good head %s%n",
                    result.problem().get(), result.records(), result.headHash());
            return false;
        }
        if (witness != null) {
            WitnessCheck.Result held = witness.compare(result, hashes, verified.checkpoint());
            if (!held.agrees()) {
                out.printf(
                        "BROKEN: %s%nthe chain itself is intact up to record %d (head %s), witness %s%n",
                        held.problem().get(), result.headSeq(), result.headHash(), witnessDir);
                return false;
            }
            held.newest()
                    .ifPresentOrElse(
                            newest -> out.printf(
                                    "witness: %d signed heads in %s agree; newest record %d at %s (audit key %s)%n",
                                    held.witnessed(),
                                    witnessDir,
                                    newest.seq(),
                                    newest.time(),
                                    AuditKey.fingerprint(uncheckedPublicKey(dir))),
                            () -> out.printf("witness: no signed head in %s yet%n", witnessDir));
        }
        out.printf(
                "OK: %d records, chain intact, head %s (record %d)%n",
                result.records(), result.headHash(), result.headSeq());
        return true;
    }

    private WitnessCheck readWitness(Path dir) throws IOException {
        if (!Files.isDirectory(witnessDir)) {
            throw new ParameterException(spec.commandLine(), "--witness-dir " + witnessDir + " is not a directory");
        }
        return WitnessCheck.read(witnessDir, AuditKey.publicKey(dir));
    }

    private static PublicKey uncheckedPublicKey(Path dir) {
        try {
            return AuditKey.publicKey(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

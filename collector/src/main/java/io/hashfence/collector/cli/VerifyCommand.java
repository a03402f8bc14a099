package io.hashfence.collector.cli;

import io.hashfence.collector.audit.AuditFiles;
import io.hashfence.collector.audit.AuditKey;
import io.hashfence.collector.audit.ChainVerifier;
import io.hashfence.collector.audit.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code verify}: checks the whole event log's hash chain and names the first bad record. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify the event log's hash chain; exit 0 if intact, 1 naming the first bad record.")
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "the collector's data directory (default: $HASHFENCE_DATA_DIR, else data_dir from --config, else ./data)")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "the collector's YAML config file, for its data_dir")
    Path config;

    @Override
    public Integer call() throws Exception {
        Path dir = DataDirectory.resolve(dataDir, config);
        Path file = dir.resolve(EventLog.FILE_NAME);
        if (!Files.exists(file)) {
            throw new ParameterException(spec.commandLine(), "no event log at " + file);
        }
        AuditFiles.Verified verified = AuditFiles.verify(dir, event -> { });
        ChainVerifier.Result result = verified.chain();
        verified.checkpoint().ifPresent(checkpoint -> spec.commandLine().getOut().printf(
                "checkpoint: records up to %d (%s) compacted; signed by audit key %s%n", checkpoint.throughSeq(),
                checkpoint.throughTime(), AuditKey.fingerprint(uncheckedPublicKey(dir))));
        if (result.intact()) {
            spec.commandLine().getOut().printf("OK: %d records, chain intact, head %s (record %d)%n", result.records(),
                    result.headHash(), result.headSeq());
            return 0;
        }
        spec.commandLine().getOut().printf("BROKEN: %s%n%d records before it verify; last good head %s%n",
                result.problem().get(), result.records(), result.headHash());
        return 1;
    }

    private static PublicKey uncheckedPublicKey(Path dir) {
        try {
            return AuditKey.publicKey(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

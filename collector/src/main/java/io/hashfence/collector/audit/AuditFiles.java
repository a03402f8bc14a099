package io.hashfence.collector.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Verifies an audit directory as a whole: the latest compaction checkpoint's signature, then the event
 * chain from where that checkpoint anchors it (or from the genesis, if compaction has not yet cut the log).
 */
public final class AuditFiles {
    public static final String CHECKPOINTS = "checkpoints.log";

    /** The verdict, and the checkpoint the chain was anchored at, if any. */
    public record Verified(ChainVerifier.Result chain, Optional<Checkpoint> checkpoint) {
        public boolean intact() {
            return chain.intact();
        }
    }

    private AuditFiles() {}

    public static Verified verify(Path dataDir, Consumer<AuditEvent> each) throws IOException {
        Path events = dataDir.resolve(EventLog.FILE_NAME);
        Optional<Checkpoint> checkpoint = latestCheckpoint(dataDir);
        if (checkpoint.isEmpty()) {
            return new Verified(ChainVerifier.verify(events, each), checkpoint);
        }
        Checkpoint anchor = checkpoint.get();
        PublicKey key = AuditKey.publicKey(dataDir);
        if (!AuditKey.verify(key, anchor.signedContent(), anchor.signature())) {
            return broken(
                    anchor,
                    "the checkpoint through record " + anchor.throughSeq()
                            + " does not verify against the audit public key (fingerprint " + AuditKey.fingerprint(key)
                            + ")");
        }
        long firstSeq = firstSeq(events);
        if (firstSeq == anchor.throughSeq() + 1 || firstSeq == 0) {
            return new Verified(
                    ChainVerifier.verify(
                            events, new ChainVerifier.Anchor(anchor.throughSeq(), anchor.throughHash()), each),
                    checkpoint);
        }
        if (firstSeq != 1) {
            return broken(
                    anchor,
                    "the log starts at record " + firstSeq + " but the checkpoint ends at record "
                            + anchor.throughSeq());
        }
        String[] hashAtCheckpoint = new String[1];
        ChainVerifier.Result result = ChainVerifier.verify(events, event -> {
            if (event.seq() == anchor.throughSeq()) {
                hashAtCheckpoint[0] = event.hash();
            }
            each.accept(event);
        });
        if (result.intact() && hashAtCheckpoint[0] != null && !hashAtCheckpoint[0].equals(anchor.throughHash())) {
            return broken(anchor, "record " + anchor.throughSeq() + " differs from the one the checkpoint signed");
        }
        return new Verified(result, checkpoint);
    }

    /** The newest compaction checkpoint, as written (not yet checked against the audit key). */
    public static Optional<Checkpoint> latestCheckpoint(Path dataDir) throws IOException {
        Path file = dataDir.resolve(CHECKPOINTS);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return Optional.of(Checkpoint.fromLine(lines.get(i)));
            }
        }
        return Optional.empty();
    }

    private static long firstSeq(Path events) throws IOException {
        if (!Files.exists(events)) {
            return 0;
        }
        try (BufferedReader reader = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null) {
                return 0;
            }
            return Math.max(0, EventLogLineFormat.decode(line).fields().seq());
        } catch (IOException | EventLogLineFormat.Malformed e) {
            return 0;
        }
    }

    private static Verified broken(Checkpoint anchor, String reason) {
        return new Verified(
                new ChainVerifier.Result(
                        0,
                        anchor.throughHash(),
                        anchor.throughSeq(),
                        0,
                        Optional.of(new ChainVerifier.Problem(0, anchor.throughSeq() + 1, reason, false))),
                Optional.of(anchor));
    }
}

package io.hashfence.collector.report;

import io.hashfence.collector.audit.AuditFiles;
import io.hashfence.collector.audit.Checkpoint;
import io.hashfence.collector.audit.EventLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Builds reports from a data directory's event log, verifying the whole log while reading it: the latest
 * compaction checkpoint's signature, then the hash chain from where that checkpoint anchors it.
 */
public final class ReportSource {
    /** A compaction between reading the checkpoint and verifying the log makes a pass start over. */
    private static final int ATTEMPTS = 3;

    private ReportSource() {}

    /**
     * The report over {@code period}. An incomplete last line (a write in progress, or a crash mid-write that
     * the collector cuts off at its next start) is left out; any other bad record refuses the report.
     *
     * @throws BrokenChainException naming the first bad record
     */
    public static Report read(Path dataDir, ReportPeriod period, Instant generatedAt) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Checkpoint> checkpoint = AuditFiles.latestCheckpoint(dataDir);
            ReportBuilder builder = new ReportBuilder(period);
            checkpoint.ifPresent(builder::startFrom);
            AuditFiles.Verified verified = AuditFiles.verify(dataDir, builder);
            if (!verified.checkpoint().equals(checkpoint)
                    || !AuditFiles.latestCheckpoint(dataDir).equals(checkpoint)) {
                continue;
            }
            if (verified.chain().problem().isPresent()
                    && !verified.chain().problem().get().torn()) {
                throw new BrokenChainException("the event log " + dataDir.resolve(EventLog.FILE_NAME)
                        + " fails verification at " + verified.chain().problem().get()
                        + "; no report is built from a broken log (run 'hashfence-collector verify --data-dir "
                        + dataDir + "')");
            }
            ChainHead head = new ChainHead(
                    verified.chain().headHash(),
                    verified.chain().headSeq(),
                    verified.chain().records());
            return builder.build(head, generatedAt);
        }
        throw new IOException("the event log in " + dataDir + " kept being compacted while it was read; try again");
    }
}

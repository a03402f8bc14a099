package io.hashfence.collector.audit;

import io.hashfence.collector.storage.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes signed checkpoints of the event log's head to {@code witness.log} in a directory that should be on
 * other storage (another disk, a mounted bucket). Whoever can rewrite the data directory can then still not
 * cut records off the end of the log unnoticed: {@code verify --witness-dir} finds the log shorter than, or
 * different from, what was witnessed.
 */
public final class Witness implements AutoCloseable {
    public static final String FILE_NAME = "witness.log";
    private static final Logger LOG = LoggerFactory.getLogger(Witness.class);

    private final Path file;
    private final AuditKey key;
    private final Clock clock;
    private final FileChannel channel;

    private Witness(Path file, AuditKey key, Clock clock, FileChannel channel) {
        this.file = file;
        this.key = key;
        this.clock = clock;
        this.channel = channel;
    }

    /** Opens (creating them 0700/0600) the directory and its witness log; fails naming them if it cannot. */
    public static Witness open(Path directory, AuditKey key, Clock clock) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel;
        try {
            PrivateFiles.directory(directory);
            channel = PrivateFiles.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IOException(
                    "cannot open the witness log " + file + " (audit.witness_dir, --witness-dir): "
                            + e.getClass().getSimpleName() + " " + e.getMessage(),
                    e);
        }
        LOG.info("witnessing the event log's head in {} (audit key {})", file, AuditKey.fingerprint(key.publicKey()));
        return new Witness(file, key, clock, channel);
    }

    /**
     * Signs and appends the head with the current time, forced to disk before it returns. An unchanged head is
     * witnessed again: the time then attests that the log had not grown, so a quiet hour is not a cut one.
     */
    public synchronized void witness(EventLog.Head head) throws IOException {
        WitnessedHead unsigned = new WitnessedHead(head.seq(), head.hash(), clock.instant(), "");
        WitnessedHead signed =
                new WitnessedHead(unsigned.seq(), unsigned.hash(), unsigned.time(), key.sign(unsigned.signedContent()));
        ByteBuffer line = ByteBuffer.wrap((signed.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(false);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}

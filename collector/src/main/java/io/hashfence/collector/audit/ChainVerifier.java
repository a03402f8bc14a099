package io.hashfence.collector.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an event log line by line and checks every record: the line's form, its hash, the chain link to
 * the record before, and the sequence. Stops at the first bad record and says which and why.
 */
public final class ChainVerifier {

    /** The outcome of reading a whole log. */
    public record Result(long records, String headHash, long headSeq, long validBytes, Optional<Problem> problem) {
        public boolean intact() {
            return problem.isEmpty();
        }
    }

    /**
     * The first bad record.
     *
     * @param line 1-based line number in the file
     * @param seq the sequence number the record should have had
     * @param torn whether it is an incomplete last line, as a crash mid-write leaves
     */
    public record Problem(long line, long seq, String reason, boolean torn) {
        @Override
        public String toString() {
            return "record " + seq + " (line " + line + "): " + reason;
        }
    }

    private ChainVerifier() {}

    /** Where a chain starts: the genesis, or the record a compaction checkpoint stands for. */
    public record Anchor(long seq, String hash) {
        public static final Anchor GENESIS = new Anchor(0, EventLogLineFormat.GENESIS);
    }

    public static Result verify(Path file, Consumer<AuditEvent> each) throws IOException {
        return verify(file, Anchor.GENESIS, each);
    }

    public static Result verify(Path file, Anchor anchor, Consumer<AuditEvent> each) throws IOException {
        if (!Files.exists(file)) {
            return new Result(0, anchor.hash(), anchor.seq(), 0, Optional.empty());
        }
        byte[] content = Files.readAllBytes(file);
        String prev = anchor.hash();
        long seq = anchor.seq();
        long records = 0;
        long offset = 0;
        long line = 0;
        int start = 0;
        while (start < content.length) {
            line++;
            int end = indexOf(content, (byte) '\n', start);
            boolean complete = end >= 0;
            int stop = complete ? end : content.length;
            String text = new String(content, start, stop - start, StandardCharsets.UTF_8);
            long expectedSeq = seq + 1;
            if (!complete) {
                return new Result(
                        records,
                        prev,
                        seq,
                        offset,
                        Optional.of(new Problem(line, expectedSeq, "incomplete last line (torn write)", true)));
            }
            Parsed parsed = parse(text, expectedSeq, prev);
            if (parsed.problem() != null) {
                boolean last = end == content.length - 1;
                return new Result(
                        records,
                        prev,
                        seq,
                        offset,
                        Optional.of(new Problem(line, expectedSeq, parsed.problem(), last && parsed.tornLike())));
            }
            each.accept(parsed.event());
            prev = parsed.event().hash();
            seq = expectedSeq;
            records++;
            offset = end + 1L;
            start = end + 1;
        }
        return new Result(records, prev, seq, offset, Optional.empty());
    }

    record Parsed(AuditEvent event, String problem, boolean tornLike) {}

    static Parsed parse(String text, long expectedSeq, String prev) {
        try {
            EventLogLineFormat.Line line = EventLogLineFormat.decode(text);
            if (!line.hashMatches()) {
                return new Parsed(null, "hash mismatch: the record was altered", false);
            }
            EventLogLineFormat.Fields fields = line.fields();
            if (fields.seq() != expectedSeq) {
                return new Parsed(
                        null,
                        "sequence " + fields.seqText() + " where " + expectedSeq
                                + " was expected: a record was removed or inserted",
                        false);
            }
            if (!prev.equals(fields.prev())) {
                return new Parsed(null, "prev does not match the previous record's hash: the chain is broken", false);
            }
            return new Parsed(fields.event(), null, false);
        } catch (EventLogLineFormat.Malformed e) {
            return new Parsed(null, e.getMessage(), e.tornLike());
        }
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Reads every record of an intact log (for reports); fails on the first bad one. */
    public static void read(Path file, Consumer<AuditEvent> each) throws IOException {
        Result result = verify(file, each);
        if (!result.intact()) {
            throw new IOException(file + ": " + result.problem().get());
        }
    }
}

package io.hashfence.collector.audit;

import java.util.Optional;

/**
 * Checks a chain fed one record at a time, oldest first (as read from the shared store): each record's hash, its
 * sequence number (no gap) and its link to the record before. Stops at the first bad record and keeps why.
 */
public final class ChainCheck {
    private String prev;
    private long seq;
    private long records;
    private ChainVerifier.Problem problem;

    private ChainCheck(ChainVerifier.Anchor anchor) {
        this.prev = anchor.hash();
        this.seq = anchor.seq();
    }

    /**
     * A check of a chain from the genesis: a chain whose first record is not record 1 breaks there, as records
     * removed from its beginning would otherwise go unseen.
     */
    public static ChainCheck fromGenesis() {
        return new ChainCheck(ChainVerifier.Anchor.GENESIS);
    }

    /** The record as an event when it is intact and links; empty once the chain has broken. */
    public Optional<AuditEvent> next(ChainRecord record) {
        if (problem != null) {
            return Optional.empty();
        }
        long expectedSeq = seq + 1;
        ChainVerifier.Parsed parsed = ChainVerifier.parse(record.line(), expectedSeq, prev);
        if (parsed.problem() != null) {
            problem = new ChainVerifier.Problem(records + 1, expectedSeq, parsed.problem(), false);
            return Optional.empty();
        }
        prev = parsed.event().hash();
        seq = expectedSeq;
        records++;
        return Optional.of(parsed.event());
    }

    /** The chain's verdict so far: its intact records, head and first problem. */
    public ChainVerifier.Result result() {
        return new ChainVerifier.Result(records, prev, seq, 0, Optional.ofNullable(problem));
    }
}

package io.hashfence.collector.report;

import java.time.Instant;

/**
 * The part of the log that retention replaced by a signed checkpoint. The report knows only the state the
 * checkpoint summarises (each rig's state, trust and place), not the history before {@code throughTime}.
 *
 * @param throughSeq the last record the checkpoint stands for
 * @param throughTime that record's time
 */
public record CompactedHistory(long throughSeq, Instant throughTime) {}

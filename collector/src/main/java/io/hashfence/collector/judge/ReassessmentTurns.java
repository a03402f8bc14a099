package io.hashfence.collector.judge;

import java.time.Duration;

/**
 * The periodic re-judging of every rig, spread over its interval in turns of about a second: each turn re-judges
 * one share of the rigs (split by the rigs' hashes, {@link RigJudge#reassessShare}), so every rig is still judged
 * again once per interval, but a fleet of 100,000 rigs costs a thirtieth of a pass each second of a 30 s interval
 * instead of the whole pass at once, which holds a core for a second and more beside the ingest and the scrapes.
 */
public final class ReassessmentTurns implements Runnable {
    private static final Duration TURN = Duration.ofSeconds(1);

    private final RigJudge judge;
    private final int shares;
    private final Duration period;
    private int next;

    public ReassessmentTurns(RigJudge judge, Duration interval) {
        this.judge = judge;
        this.shares = (int) Math.max(1, Math.min(interval.toMillis() / TURN.toMillis(), 3_600));
        this.period = interval.dividedBy(shares);
    }

    /** How often a turn is due. */
    public Duration period() {
        return period;
    }

    /** The turns that make one whole pass over the rigs. */
    public int shares() {
        return shares;
    }

    @Override
    public void run() {
        judge.reassessShare(next, shares);
        next = (next + 1) % shares;
    }
}

package io.hashfence.collector.fleet;

/** What recording a sample did to the rig's state. */
public enum Recorded {
    /** The sample is now the rig's newest. */
    NEWEST,
    /** A sample older than the newest (a replay): kept as seen, not as the rig's state. */
    OLDER,
    /** This (site, rig, sequence) had already arrived: nothing changed. */
    DUPLICATE,
    /** A new rig of a site that already has the most rigs allowed: refused. */
    OVER_QUOTA
}

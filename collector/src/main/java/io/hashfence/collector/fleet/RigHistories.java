package io.hashfence.collector.fleet;

/**
 * What another stage remembers of each rig (the compliance engine's location history), kept as opaque bytes in the
 * rig snapshot so that it outlives a restart.
 */
public interface RigHistories {
    /** The rig's history as bytes, or null when nothing is remembered of it. */
    byte[] saved(RigKey rig);

    /**
     * Takes back, at start, what {@link #saved} gave before the restart.
     *
     * @throws IllegalArgumentException when the bytes are not a history this collector reads
     */
    void restore(RigKey rig, byte[] saved);
}

package io.hashfence.collector.compliance;

/** How far the rig's location claim can be believed, from the evidence behind it. */
public enum Trust {
    /** No usable claim: none made, stale, or physically impossible. */
    NONE("none", 0),
    /** The claim conflicts with other evidence. */
    LOW("low", 1),
    /** Nothing contradicts the claim, but nothing independent confirms it either. */
    MEDIUM("medium", 2),
    /** A live GPS fix that the connection's IP country agrees with. */
    HIGH("high", 3);

    private final String label;
    private final int level;

    Trust(String label, int level) {
        this.label = label;
        this.level = level;
    }

    public String label() {
        return label;
    }

    /** 0 to 3, for the {@code hashfence_rig_location_trust_level} gauge. */
    public int level() {
        return level;
    }
}

package io.hashfence.collector.compliance;

/** One kind of evidence about a rig's location claim, and what it does to trust in that claim. */
public enum FindingKind {
    NO_LOCATION("no_location", Effect.DISQUALIFIES),
    STALE_LOCATION("stale_location", Effect.DISQUALIFIES),
    BEYOND_RTT_BOUND("beyond_rtt_bound", Effect.DISQUALIFIES),
    GPS_FIX("gps_fix", Effect.SUPPORTS),
    STATIC_DECLARATION("static_declaration", Effect.NEUTRAL),
    IP_COUNTRY_AGREES("ip_country_agrees", Effect.SUPPORTS),
    IP_COUNTRY_DIFFERS("ip_country_differs", Effect.CONFLICTS),
    IP_COUNTRY_UNKNOWN("ip_country_unknown", Effect.NEUTRAL),
    IMPOSSIBLE_TRAVEL("impossible_travel", Effect.CONFLICTS),
    RECENT_IMPOSSIBLE_TRAVEL("recent_impossible_travel", Effect.CONFLICTS),
    FROZEN_COORDINATES("frozen_coordinates", Effect.CONFLICTS),
    REPEATING_POSITIONS("repeating_positions", Effect.CONFLICTS),
    SIMULATED_FIX("simulated_fix", Effect.CONFLICTS),
    RELOCATED("relocated", Effect.NEUTRAL),
    WITHIN_RTT_BOUND("within_rtt_bound", Effect.NEUTRAL),
    /** The verdict follows the rig's last position in a restricted place: the claim is no credible move out. */
    HELD_LOCATION("held_location", Effect.CONFLICTS),
    /** The rig is suspected of spoofing its location until an operator clears it. */
    SPOOF_SUSPECTED("spoof_suspected", Effect.CONFLICTS),
    /**
     * The claim is within the policy's {@code near_border_km} of a restricted place, or on disputed land a
     * restricted state holds or claims within that distance of its country's border: the reason for a warning.
     */
    NEAR_BORDER("near_border", Effect.NEUTRAL);

    /** What a finding does to trust. */
    public enum Effect {
        SUPPORTS,
        NEUTRAL,
        CONFLICTS,
        DISQUALIFIES
    }

    private final String label;
    private final Effect effect;

    FindingKind(String label, Effect effect) {
        this.label = label;
        this.effect = effect;
    }

    public String label() {
        return label;
    }

    public Effect effect() {
        return effect;
    }
}

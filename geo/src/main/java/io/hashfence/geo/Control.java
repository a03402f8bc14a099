package io.hashfence.geo;

/** Who holds the place {@link GeoLocation} answers, when another state claims it. */
public enum Control {
    /** No other state claims the place. */
    UNDISPUTED,
    /** The country is in effective control; {@code claimedBy} claims the place (Crimea: RU, claimed by UA). */
    DE_FACTO,
    /**
     * The country holds the place at least in part; {@code claimedBy} claims all of it and holds part of it,
     * along a line neither dataset draws (Donetsk oblast: UA, claimed by RU).
     */
    CONTESTED
}

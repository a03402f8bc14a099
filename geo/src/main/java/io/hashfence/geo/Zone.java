package io.hashfence.geo;

/**
 * Which kind of place a coordinate falls in: on Natural Earth's land (lakes such as Baikal, Victoria or the
 * Great Lakes lie inside its subdivisions and count as {@link #LAND}), in a country's waters as the
 * OpenStreetMap boundary draws them, or outside every country (the open sea, and the middle of the Caspian).
 */
public enum Zone {
    /** Inside an admin-1 subdivision (land and inland waters as Natural Earth draws them). */
    LAND,
    /**
     * Inside a country's OpenStreetMap boundary but outside every Natural Earth subdivision: its
     * territorial sea (and what the source draws as such: Peru's 200-nautical-mile maritime domain, the
     * whole Antarctic Treaty area south of 60 S), and small islands Natural Earth leaves out.
     */
    TERRITORIAL,
    /** Outside every country's boundary. */
    INTERNATIONAL
}

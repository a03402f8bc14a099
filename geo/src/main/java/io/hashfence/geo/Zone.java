package io.hashfence.geo;

/**
 * Which kind of place a coordinate falls in. "Sea" means outside every subdivision: the oceans, and
 * the Caspian Sea, which Natural Earth leaves out of the admin-1 polygons. Lakes such as Baikal,
 * Victoria or the Great Lakes lie inside subdivisions there and count as {@link #LAND}.
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

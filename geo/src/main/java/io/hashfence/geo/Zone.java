package io.hashfence.geo;

/**
 * Which kind of place a coordinate falls in. "Sea" means outside every subdivision: the oceans, and
 * the Caspian Sea, which Natural Earth leaves out of the admin-1 polygons. Lakes such as Baikal,
 * Victoria or the Great Lakes lie inside subdivisions there and count as {@link #LAND}.
 */
public enum Zone {
    /** Inside an admin-1 subdivision (land and inland waters as Natural Earth draws them). */
    LAND,
    /** At sea within {@link GeoIndex#TERRITORIAL_SEA_KM} of the nearest subdivision's boundary. */
    TERRITORIAL,
    /** At sea farther than {@link GeoIndex#TERRITORIAL_SEA_KM} from every subdivision. */
    INTERNATIONAL
}

package io.hashfence.geo;

import java.util.List;
import java.util.Map;

/**
 * One (multi)polygon feature of a GeoJSON FeatureCollection as the import tool reads it.
 *
 * @param properties the feature's scalar properties, as text
 * @param polygons   the polygons of the (multi)polygon; each is its exterior ring followed by its holes,
 *                   every ring as alternating lon, lat values
 */
record GeoJsonFeature(int sourceIndex, Map<String, String> properties, List<List<double[]>> polygons) {

    /** The first of the properties that is present and not blank, or null. */
    String firstPresent(String... keys) {
        for (String key : keys) {
            String value = properties.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}

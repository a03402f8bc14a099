package io.hashfence.geo;

import java.util.List;

/**
 * One feature of Natural Earth's admin-1 GeoJSON as the import tool reads it.
 *
 * @param polygons the polygons of the (multi)polygon; each is its exterior ring followed by its holes,
 *                 every ring as alternating lon, lat values
 */
record Admin1Feature(
        int sourceIndex,
        String countryCode,
        String countryName,
        String subdivisionCode,
        String subdivisionName,
        List<List<double[]>> polygons) {

    static Admin1Feature of(GeoJsonFeature feature) {
        return new Admin1Feature(
                feature.sourceIndex(),
                feature.properties().get("iso_a2"),
                feature.properties().get("admin"),
                feature.properties().get("iso_3166_2"),
                feature.firstPresent("name", "name_en", "gn_name", "woe_name"),
                feature.polygons());
    }
}

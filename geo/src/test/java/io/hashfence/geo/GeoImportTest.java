package io.hashfence.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import pipeline end to end on a small hand-made admin-1 file. */
class GeoImportTest {
    private static final String SQUARE_WITH_HOLE = """
            {"type":"Feature","properties":{"iso_a2":"QQ","admin":"Qland","iso_3166_2":"QQ-01","name":"Square"},
             "geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],
                                                         [[4,4],[4,6],[6,6],[6,4],[4,4]]]}}""";
    private static final String ENCLAVE_WITH_MISSING_COUNTRY_PREFIX = """
            {"type":"Feature","properties":{"iso_a2":"QQ","admin":"Qland","iso_3166_2":"-99-X04~"},
             "geometry":{"type":"Polygon","coordinates":[[[4,4],[6,4],[6,6],[4,6],[4,4]]]}}""";
    private static final String ACROSS_THE_ANTIMERIDIAN = """
            {"type":"Feature","properties":{"iso_a2":"RR","admin":"Rland","iso_3166_2":"RR-AB","name":"Split"},
             "geometry":{"type":"MultiPolygon","coordinates":[
               [[[179,0],[180,0],[180,5],[179,5],[179,0]]],
               [[[-180,0],[-179,0],[-179,5],[-180,5],[-180,0]]]]}}""";

    @TempDir
    Path dir;

    private GeoIndex imported(String... features) throws IOException {
        Path input = dir.resolve("admin1.json");
        Files.writeString(input, "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}");
        Path output = dir.resolve("bundle.gz");
        GeoImport.main(new String[] {input.toString(), output.toString()});
        try (InputStream in = Files.newInputStream(output)) {
            return GeoIndex.load(in);
        }
    }

    @Test
    void importsHolesEnclavesMultipolygonsAndRepairsCodes() throws IOException {
        GeoIndex index = imported(SQUARE_WITH_HOLE, ENCLAVE_WITH_MISSING_COUNTRY_PREFIX, ACROSS_THE_ANTIMERIDIAN);

        assertThat(index.locate(2, 2).subdivision()).isEqualTo(new Subdivision("QQ-01", "Square"));
        assertThat(index.locate(5, 5).subdivision()).isEqualTo(new Subdivision("QQ-X04~", "Qland"));
        assertThat(index.locate(5, 5).country()).isEqualTo(new Country("QQ", "Qland"));
        assertThat(index.locate(5, 6).subdivision().code()).as("shared border: lower code wins").isEqualTo("QQ-01");
        assertThat(index.locate(2.5, 180).subdivision().code()).isEqualTo("RR-AB");
        assertThat(index.locate(2.5, -180).subdivision().code()).isEqualTo("RR-AB");
        assertThat(index.locate(2.5, -179.5).subdivision().code()).isEqualTo("RR-AB");
    }

    @Test
    void importedIndexKnowsTerritorialAndInternationalWaters() throws IOException {
        GeoIndex index = imported(SQUARE_WITH_HOLE, ACROSS_THE_ANTIMERIDIAN);

        assertThat(index.locate(2.5, 10.1).zone()).isEqualTo(Zone.TERRITORIAL);
        assertThat(index.locate(2.5, 10.1).subdivision().code()).isEqualTo("QQ-01");
        assertThat(index.locate(2.5, 10.5).zone()).isEqualTo(Zone.INTERNATIONAL);
        assertThat(index.locate(2.5, 178.9).subdivision().code()).isEqualTo("RR-AB");
        assertThat(index.locate(2.5, 178.9).zone()).isEqualTo(Zone.TERRITORIAL);
        assertThat(index.distanceKm(2.5, 10.1, java.util.Set.of("QQ"))).isBetween(11.0, 11.2);
    }

    @Test
    void unrecognisedSubdivisionCodesFailTheImport() {
        String bad = SQUARE_WITH_HOLE.replace("QQ-01", "-1");

        assertThatThrownBy(() -> imported(bad))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unrecognised subdivision code: -1");
    }
}

package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import pipeline end to end on small hand-made country and admin-1 files. */
class GeoImportTest {
    private static final String SQUARE_WITH_HOLE = """
            {"type":"Feature","properties":{"iso_a2":"SM","admin":"San Marino","iso_3166_2":"SM-01","name":"Square"},
             "geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],
                                                         [[4,4],[4,6],[6,6],[6,4],[4,4]]]}}""";
    private static final String ENCLAVE_WITH_MISSING_COUNTRY_PREFIX = """
            {"type":"Feature","properties":{"iso_a2":"SM","admin":"San Marino","iso_3166_2":"-99-X04~"},
             "geometry":{"type":"Polygon","coordinates":[[[4,4],[6,4],[6,6],[4,6],[4,4]]]}}""";
    private static final String ACROSS_THE_ANTIMERIDIAN = """
            {"type":"Feature","properties":{"iso_a2":"FJ","admin":"Fiji","iso_3166_2":"FJ-AB","name":"Split"},
             "geometry":{"type":"MultiPolygon","coordinates":[
               [[[179,0],[180,0],[180,5],[179,5],[179,0]]],
               [[[-180,0],[-179,0],[-179,5],[-180,5],[-180,0]]]]}}""";

    /** San Marino's and Fiji's territory (by their alpha-3 codes) around the two subdivision shapes, 0.2° of sea. */
    private static final String COUNTRIES = """
            {"type":"Feature","properties":{"A3":"SMR"},
             "geometry":{"type":"Polygon","coordinates":[[[-0.2,-0.2],[10.2,-0.2],[10.2,10.2],[-0.2,10.2],[-0.2,-0.2]]]}},
            {"type":"Feature","properties":{"A3":"FJI"},
             "geometry":{"type":"MultiPolygon","coordinates":[
               [[[178.8,-0.2],[180,-0.2],[180,5.2],[178.8,5.2],[178.8,-0.2]]],
               [[[-180,-0.2],[-178.8,-0.2],[-178.8,5.2],[-180,5.2],[-180,-0.2]]]]}}""";

    /** The ISO 3166-2 list as the iso-3166 package's 2.js spells it: the codes the tests use, and no other. */
    private static final String ISO_LIST = """
            export const iso31662 = [
              {
                code: 'FJ-AB',
                name: 'Split',
                parent: 'FJ'
              },
              {
                code: 'GE-SK',
                name: 'Shida Kartli',
                parent: 'GE'
              },
              {
                code: 'SM-01',
                name: 'Square',
                parent: 'SM'
              }
            ]""";

    @TempDir
    Path dir;

    /** The outlined disputed areas the import is given: none unless a test says otherwise. */
    private String disputedAreas = "";

    /** The table of ISO code changes the import is given: none unless a test says otherwise. */
    private String isoCodeChanges = "# natural_earth_code\tnatural_earth_name\tiso_3166_2_code\tiso_change\n";

    private GeoIndex imported(String... features) throws IOException {
        return importedWithCountries(COUNTRIES, features);
    }

    private GeoIndex importedWithCountries(String countryFeatures, String... features) throws IOException {
        Path input = dir.resolve("admin1.json");
        Files.writeString(input, "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}");
        Path countries = dir.resolve("countries.json");
        Files.writeString(countries, "{\"type\":\"FeatureCollection\",\"features\":[" + countryFeatures + "]}");
        Path isoList = dir.resolve("2.js");
        Files.writeString(isoList, ISO_LIST);
        Path changes = dir.resolve("changes.tsv");
        Files.writeString(changes, isoCodeChanges);
        Path outlines = dir.resolve("disputed-areas.json");
        Files.writeString(outlines, "{\"type\":\"FeatureCollection\",\"features\":[" + disputedAreas + "]}");
        Path output = dir.resolve("bundle.gz");
        GeoImport.main(new String[] {
            countries.toString(),
            input.toString(),
            isoList.toString(),
            changes.toString(),
            outlines.toString(),
            output.toString()
        });
        try (InputStream in = Files.newInputStream(output)) {
            return GeoIndex.load(in);
        }
    }

    @Test
    void importsHolesEnclavesMultipolygonsAndRepairsCodes() throws IOException {
        GeoIndex index = imported(SQUARE_WITH_HOLE, ENCLAVE_WITH_MISSING_COUNTRY_PREFIX, ACROSS_THE_ANTIMERIDIAN);

        assertThat(index.locate(2, 2).subdivision()).isEqualTo(new Subdivision("SM-01", "Square"));
        assertThat(index.locate(5, 5).country()).isEqualTo(new Country("SM", "San Marino"));
        assertThat(index.subdivisions()).contains(new Subdivision("SM-X04~", "San Marino"));
        assertThat(index.locate(5, 5).subdivision())
                .as("a placeholder code is no ISO 3166-2 code")
                .isNull();
        assertThat(index.locate(5, 6).subdivision().code())
                .as("shared border: lower code wins")
                .isEqualTo("SM-01");
        assertThat(index.locate(2.5, 180).subdivision().code()).isEqualTo("FJ-AB");
        assertThat(index.locate(2.5, -180).subdivision().code()).isEqualTo("FJ-AB");
        assertThat(index.locate(2.5, -179.5).subdivision().code()).isEqualTo("FJ-AB");
        assertThat(index.locate(2.5, -179.5).country()).isEqualTo(new Country("FJ", "Fiji"));
    }

    @Test
    void aCountryDrawnWithinOneGridCellOfALowerCodedCountryIsFoundAsTheSecondCountry() throws IOException {
        // Turkey's (TR) made-up polygon lies inside San Marino's (SM) and inside one 1/16-degree grid cell.
        String insideOneCell = """
                {"type":"Feature","properties":{"A3":"TUR"},
                 "geometry":{"type":"Polygon","coordinates":[[[2.01,2.01],[2.05,2.01],[2.05,2.05],[2.01,2.05],[2.01,2.01]]]}}""";
        GeoIndex index = importedWithCountries(COUNTRIES + "," + insideOneCell, SQUARE_WITH_HOLE);

        GeoLocation both = index.locate(2.03, 2.03);
        assertThat(both.country().code()).isEqualTo("SM");
        assertThat(both.claimedBy()).as("the second country covering %s", both).isNotNull();
        assertThat(both.claimedBy().code()).isEqualTo("TR");
        assertThat(index.locate(2.055, 2.03).claimedBy())
                .as("same cell, outside TR")
                .isNull();
    }

    @Test
    void aCodeIsoHasReplacedIsAnsweredByTodaysCodeFromTheTableAndAStaleRowFailsTheImport() throws IOException {
        String renumbered = SQUARE_WITH_HOLE.replace("SM-01", "SM-OLD");
        isoCodeChanges = "SM-OLD\tSquare\tSM-01\tISO 3166-2:SM renumbered (test)\n";
        GeoIndex index = imported(renumbered, ACROSS_THE_ANTIMERIDIAN);
        assertThat(index.locate(2, 2).subdivision()).isEqualTo(new Subdivision("SM-01", "Square"));

        GeoIndex withoutTable = importedWithChanges("", renumbered, ACROSS_THE_ANTIMERIDIAN);
        assertThat(withoutTable.locate(2, 2).subdivision())
                .as("withheld, as before the table")
                .isNull();
        assertThat(withoutTable.subdivisions()).contains(new Subdivision("SM-OLD~", "Square"));

        isoCodeChanges = "SM-GONE\tNowhere\tSM-01\tISO 3166-2:SM (test)\n";
        assertThatThrownBy(() -> imported(renumbered, ACROSS_THE_ANTIMERIDIAN))
                .hasMessageContaining("match no Natural Earth feature: [SM-GONE Nowhere]");
        isoCodeChanges = "SM-OLD\tSquare\tSM-99\tISO 3166-2:SM (test)\n";
        assertThatThrownBy(() -> imported(renumbered, ACROSS_THE_ANTIMERIDIAN))
                .hasMessageContaining("SM-99 is not in the ISO 3166-2 list");
    }

    private GeoIndex importedWithChanges(String changes, String... features) throws IOException {
        isoCodeChanges = changes;
        return imported(features);
    }

    @Test
    void territorialSeaIsWhereTheCountryLayerReachesBeyondTheSubdivisions() throws IOException {
        GeoIndex index = imported(SQUARE_WITH_HOLE, ACROSS_THE_ANTIMERIDIAN);

        assertThat(index.locate(2.5, 10.1).zone()).isEqualTo(Zone.TERRITORIAL);
        assertThat(index.locate(2.5, 10.1).subdivision().code()).isEqualTo("SM-01");
        assertThat(index.locate(2.5, 10.3).zone()).isEqualTo(Zone.INTERNATIONAL);
        assertThat(index.locate(2.5, 178.9).subdivision().code()).isEqualTo("FJ-AB");
        assertThat(index.locate(2.5, 178.9).zone()).isEqualTo(Zone.TERRITORIAL);
        assertThat(index.distanceKm(2.5, 10.1, java.util.Set.of("SM-01"))).isBetween(11.0, 11.2);
        assertThat(index.borderKm(2.5, 10.1))
                .as("to the edge of San Marino's sea at 10.2")
                .isBetween(11.0, 11.2);
        assertThat(index.borderKm(2.5, 10.3)).as("from international waters").isBetween(11.0, 11.2);
    }

    @Test
    void aCodeTheIsoListLacksIsMarkedAndNeverAnswered() throws IOException {
        GeoIndex index = imported(SQUARE_WITH_HOLE.replace("SM-01", "SM-09"));

        assertThat(index.subdivisions()).extracting(Subdivision::code).containsExactly("SM-09~");
        assertThat(index.locate(2, 2).country().code()).isEqualTo("SM");
        assertThat(index.locate(2, 2).subdivision()).isNull();
        assertThat(index.isKnownCode("SM-09")).as("a policy cannot name it").isFalse();
    }

    @Test
    void aCountryCodeTheJdkCannotMapFailsTheImport() {
        String unknown = SQUARE_WITH_HOLE.replace("SM-01", "SM-02");

        assertThatThrownBy(() -> importedWithCountries(COUNTRIES.replace("SMR", "QQQ"), unknown))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("alpha-3 code with no ISO 3166-1 alpha-2 code: QQQ");
    }

    @Test
    void unrecognisedSubdivisionCodesFailTheImport() {
        String bad = SQUARE_WITH_HOLE.replace("SM-01", "-1");

        assertThatThrownBy(() -> imported(bad))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unrecognised subdivision code: -1");
    }

    @Test
    void anOutlinedAreaTheDisputedAreaTableDoesNotNameOrNamesTwiceFailsTheImport() {
        String outline = """
                {"type":"Feature","properties":{"BRK_NAME":"%s","BRK_A3":"B99"},
                 "geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}""";
        disputedAreas = outline.formatted("Nowhere Heights");
        assertThatThrownBy(() -> imported(SQUARE_WITH_HOLE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(Nowhere Heights) is not named once in the disputed-area table");

        disputedAreas = outline.formatted("Golan Heights") + "," + outline.formatted("Golan Heights");
        assertThatThrownBy(() -> imported(SQUARE_WITH_HOLE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(Golan Heights) is not named once in the disputed-area table");
    }

    @Test
    void anOutlinedAreaIsTheControllerClaimedByTheClaimantInTheClaimantsSubdivisionRoundedToTheBundlesResolution()
            throws IOException {
        String georgiaAndRussia = """
                {"type":"Feature","properties":{"A3":"GEO"},
                 "geometry":{"type":"Polygon","coordinates":[[[20,0],[30,0],[30,10],[20,10],[20,0]]]}},
                {"type":"Feature","properties":{"A3":"RUS"},
                 "geometry":{"type":"Polygon","coordinates":[[[20,10],[30,10],[30,20],[20,20],[20,10]]]}}""";
        String shidaKartli = """
                {"type":"Feature","properties":{"iso_a2":"GE","admin":"Georgia","iso_3166_2":"GE-SK","name":"Shida Kartli"},
                 "geometry":{"type":"Polygon","coordinates":[[[20,0],[30,0],[30,10],[20,10],[20,0]]]}}""";
        disputedAreas = """
                {"type":"Feature","properties":{"BRK_NAME":"South Ossetia","BRK_A3":"B37"},
                 "geometry":{"type":"Polygon","coordinates":[[[22.000004,2.000006],[24.000001,2],[24,4],[22,4],
                                                             [22.000004,2.000006]]]}}""";
        GeoIndex index = importedWithCountries(COUNTRIES + "," + georgiaAndRussia, SQUARE_WITH_HOLE, shidaKartli);

        GeoLocation inside = index.locate(3, 23);
        assertThat(inside.country().code()).isEqualTo("RU");
        assertThat(inside.claimedBy().code()).isEqualTo("GE");
        assertThat(inside.control()).isEqualTo(Control.DE_FACTO);
        assertThat(inside.subdivision()).isEqualTo(new Subdivision("GE-SK", "Shida Kartli"));
        assertThat(index.locate(1, 23).claimedBy()).as("outside the outline").isNull();
        Regions outline = index.disputedAreaLayer().regions;
        assertThat(outline.x(0)).as("22.000004 rounded").isEqualTo(22.0);
        assertThat(outline.y(0)).as("2.000006 rounded").isEqualTo(2.00001);
        assertThat(index.borderKm(3, 21.9))
                .as("0.1 degrees west of the outline, 1.9 degrees from Georgia's edge")
                .isBetween(11.0, 11.2);
        assertThat(index.distanceKm(3, 21.9, java.util.Set.of("RU"))).isBetween(11.0, 11.2);
    }
}

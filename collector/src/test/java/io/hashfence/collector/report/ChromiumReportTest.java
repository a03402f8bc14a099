package io.hashfence.collector.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.testing.ExternalBinary;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser shows it: headless Chromium renders a report built from a real event log,
 * and the screenshot must show the map (sea, restricted shading, rigs where they are) and the DOM the tables.
 * The screenshot is kept as {@code collector/target/report-example.png} (docs/report-example.png is a copy).
 */
class ChromiumReportTest {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 2000;

    @TempDir
    static Path dir;

    static Path chromium;
    static Path html;
    static String headHash;

    @BeforeAll
    static void writeReport() throws Exception {
        chromium = ExternalBinary.require("chromium", "chromium");
        Path data = Files.createDirectories(dir.resolve("data"));
        headHash = SampleFleet.history().writeTo(data);
        ReportPeriod period = new ReportPeriod(Instant.parse(SampleFleet.FROM), Instant.parse(SampleFleet.TO));
        Report report = ReportSource.read(data, period, Instant.parse("2026-11-01T06:00:00Z"));
        html = dir.resolve("report.html");
        Files.write(html, ReportFormat.HTML.render(report, new CollectorJson()));
    }

    @Test
    void theScreenshotShowsTheMapWithRestrictedShadingAndRigsWhereTheyAre() throws Exception {
        Path png = dir.resolve("report.png");
        run(List.of("--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT), dir.resolve("screenshot.out"));

        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        Rectangle map = boundsOf(image, WorldMap.SEA_FILL);
        assertThat(map.width).as("the map spans most of the page width").isGreaterThan(WIDTH * 3 / 4);
        assertThat(map.height).as("equirectangular 360° by 150°").isCloseTo(map.width * 150 / 360, within(6));
        assertThat(countIn(image, map, WorldMap.LAND_FILL)).as("land").isGreaterThan(50_000);
        assertThat(countIn(image, map, WorldMap.RESTRICTED_FILL))
                .as("restricted shading (Russia alone is large)")
                .isGreaterThan(20_000);
        assertThat(colourAt(image, map, 52.29, 104.29))
                .as("the Irkutsk rig")
                .isEqualTo(rgb(WorldMap.colour(ComplianceState.VIOLATION)));
        assertThat(colourAt(image, map, 30.27, -97.74))
                .as("the Austin rig")
                .isEqualTo(rgb(WorldMap.colour(ComplianceState.COMPLIANT)));
        assertThat(colourAt(image, map, SampleFleet.MIDLAND.lat(), SampleFleet.MIDLAND.lon()))
                .as("the Midland rig, whose location went stale")
                .isEqualTo(rgb(WorldMap.colour(ComplianceState.UNKNOWN)));
        assertThat(colourAt(image, map, 59.38, 28.19))
                .as("the rig near Narva")
                .isEqualTo(rgb(WorldMap.colour(ComplianceState.WARNING)));
        Files.copy(
                png,
                Files.createDirectories(Path.of("target")).resolve("report-example.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theRenderedDomHasTheMapTablesAndHeadHash() throws Exception {
        Path out = dir.resolve("dom.html");
        run(List.of("--dump-dom"), out);
        String dom = Files.readString(out);

        assertThat(dom).contains("<svg class=\"world-map\"").contains(headHash);
        assertThat(dom.split("<circle class=\"rig ", -1)).hasSize(8);
        assertThat(dom.split("<tr class=\"violation-row\">", -1)).hasSize(4);
        assertThat(dom.split("<tr class=\"rig-row\">", -1)).hasSize(9);
        assertThat(dom.split("<tr class=\"jurisdiction-row\">", -1)).hasSizeGreaterThan(9);
    }

    private static void run(List<String> action, Path stdout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        command.addAll(action);
        command.add(html.toUri().toString());
        Path stderr = dir.resolve("chromium.err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("chromium did not finish in 60 s: " + Files.readString(stderr));
        }
        assertThat(process.exitValue())
                .as("chromium exit code; stderr: %s", Files.readString(stderr))
                .isZero();
    }

    /** The bounding box of every pixel of this colour. */
    private static Rectangle boundsOf(BufferedImage image, String colour) {
        int wanted = rgb(colour);
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == wanted) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertThat(maxX).as("pixels of %s in the screenshot", colour).isNotNegative();
        return new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    private static int countIn(BufferedImage image, Rectangle area, String colour) {
        int wanted = rgb(colour);
        int count = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                if ((image.getRGB(x, y) & 0xffffff) == wanted) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The colour the map shows at a coordinate. */
    private static int colourAt(BufferedImage image, Rectangle map, double lat, double lon) {
        int x = map.x + (int) Math.round((lon + 180) / 360 * map.width);
        int y = map.y + (int) Math.round((90 - lat) / 150 * map.height);
        return image.getRGB(x, y) & 0xffffff;
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }
}

package io.hashfence.collector.report;

import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.geo.GeoIndex;
import io.hashfence.geo.WorldOutlines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An inline SVG world map (equirectangular, 60°S to 90°N) of the bundled boundary data, simplified so that a
 * report stays small: restricted jurisdictions shaded, rigs as dots coloured by state. The outlines are
 * built once per process and shared; the full geo index is not kept.
 */
final class WorldMap {
    static final String RESTRICTED_FILL = "#f2a9a9";
    static final String LAND_FILL = "#e4e2dc";
    static final String SEA_FILL = "#dcebf5";
    /** SVG user units per degree. */
    private static final int SCALE = 10;

    private static final double SOUTH_EDGE = -60;
    private static final double TOLERANCE_DEGREES = 0.1;
    private static final int DOT_RADIUS = 18;

    private final List<Shape> shapes;
    private final Map<String, String> names;

    /** One subdivision's outline as SVG path data. */
    private record Shape(String country, String subdivision, String path) {}

    /** A rig to draw. */
    record Dot(String label, double lat, double lon, ComplianceState state) {}

    private static final class Shared {
        static final WorldMap INSTANCE =
                new WorldMap(WorldOutlines.simplified(GeoIndex.loadBundled(), TOLERANCE_DEGREES));
    }

    static WorldMap shared() {
        return Shared.INSTANCE;
    }

    private WorldMap(List<WorldOutlines.Outline> outlines) {
        Map<String, String> names = new HashMap<>();
        List<Shape> shapes = new ArrayList<>();
        for (WorldOutlines.Outline outline : outlines) {
            names.put(outline.country().code(), outline.country().name());
            names.put(outline.subdivision().code(), outline.subdivision().name());
            String path = path(outline.rings());
            if (!path.isEmpty()) {
                shapes.add(new Shape(
                        outline.country().code(), outline.subdivision().code(), path));
            }
        }
        this.shapes = List.copyOf(shapes);
        this.names = Map.copyOf(names);
    }

    /** The English name of a country or subdivision code, or the code itself if the data has no outline for it. */
    String name(String code) {
        return names.getOrDefault(code, code);
    }

    static String colour(ComplianceState state) {
        return switch (state) {
            case COMPLIANT -> "#1a9850";
            case WARNING -> "#f0a800";
            case VIOLATION -> "#c0001a";
            case UNKNOWN -> "#6e6e6e";
        };
    }

    String svg(Set<String> restrictedCodes, List<Dot> dots) {
        StringBuilder svg = new StringBuilder(1 << 20);
        int width = 360 * SCALE;
        int height = (int) ((90 - SOUTH_EDGE) * SCALE);
        svg.append("<svg class=\"world-map\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append(
                        "\" role=\"img\" aria-label=\"World map: restricted jurisdictions shaded, rigs coloured by state\">")
                .append("<rect width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" fill=\"")
                .append(SEA_FILL)
                .append("\"/>");
        Map<String, StringBuilder> openLandByCountry = new LinkedHashMap<>();
        Map<String, StringBuilder> restrictedByCode = new LinkedHashMap<>();
        for (Shape shape : shapes) {
            String restrictedBy = restrictedCodes.contains(shape.subdivision())
                    ? shape.subdivision()
                    : restrictedCodes.contains(shape.country()) ? shape.country() : null;
            (restrictedBy == null
                            ? openLandByCountry.computeIfAbsent(shape.country(), c -> new StringBuilder())
                            : restrictedByCode.computeIfAbsent(restrictedBy, c -> new StringBuilder()))
                    .append(shape.path());
        }
        svg.append("<g fill=\"")
                .append(LAND_FILL)
                .append("\" stroke=\"#ffffff\" stroke-width=\"0.6\" fill-rule=\"evenodd\">");
        openLandByCountry.forEach((country, path) -> path(svg, path, name(country), null));
        svg.append("</g><g fill=\"")
                .append(RESTRICTED_FILL)
                .append("\" stroke=\"#fbe3e3\" stroke-width=\"0.6\" fill-rule=\"evenodd\">");
        restrictedByCode.forEach(
                (code, path) -> path(svg, path, "Restricted: " + name(code) + " (" + code + ")", "restricted"));
        svg.append("</g><g stroke=\"#ffffff\" stroke-width=\"4\">");
        dots.stream()
                .sorted(Comparator.comparing(WorldMap::drawingOrder))
                .forEach(dot -> svg.append("<circle class=\"rig ")
                        .append(dot.state().label())
                        .append("\" cx=\"")
                        .append(x(dot.lon()))
                        .append("\" cy=\"")
                        .append(y(dot.lat()))
                        .append("\" r=\"")
                        .append(DOT_RADIUS)
                        .append("\" fill=\"")
                        .append(colour(dot.state()))
                        .append("\"><title>")
                        .append(Html.escape(dot.label()))
                        .append("</title></circle>"));
        return svg.append("</g></svg>").toString();
    }

    /** Violations are drawn last, so that nothing hides them. */
    private static int drawingOrder(Dot dot) {
        return switch (dot.state()) {
            case COMPLIANT -> 0;
            case UNKNOWN -> 1;
            case WARNING -> 2;
            case VIOLATION -> 3;
        };
    }

    private static void path(StringBuilder svg, CharSequence data, String title, String cssClass) {
        svg.append("<path");
        if (cssClass != null) {
            svg.append(" class=\"").append(cssClass).append('"');
        }
        svg.append(" d=\"")
                .append(data)
                .append("\"><title>")
                .append(Html.escape(title))
                .append("</title></path>");
    }

    /** Rings snapped to whole user units (0.1°), as relative moves to keep the text short. */
    private static String path(List<double[]> rings) {
        StringBuilder d = new StringBuilder();
        for (double[] ring : rings) {
            int[] points = snapped(ring);
            if (points.length < 6 || maxLat(ring) < SOUTH_EDGE) {
                continue;
            }
            d.append('M').append(points[0]).append(' ').append(points[1]).append('l');
            for (int i = 2; i < points.length; i += 2) {
                if (i > 2) {
                    d.append(' ');
                }
                d.append(points[i] - points[i - 2]).append(' ').append(points[i + 1] - points[i - 1]);
            }
            d.append('z');
        }
        return d.toString();
    }

    /** The ring's vertices on the unit grid without repeats and without the closing vertex. */
    private static int[] snapped(double[] ring) {
        int[] points = new int[ring.length];
        int size = 0;
        for (int i = 0; i < ring.length - 2; i += 2) {
            int px = x(ring[i]);
            int py = y(ring[i + 1]);
            if (size == 0 || px != points[size - 2] || py != points[size - 1]) {
                points[size++] = px;
                points[size++] = py;
            }
        }
        return Arrays.copyOf(points, size);
    }

    private static double maxLat(double[] ring) {
        double max = -90;
        for (int i = 1; i < ring.length; i += 2) {
            max = Math.max(max, ring[i]);
        }
        return max;
    }

    private static int x(double lon) {
        return (int) Math.round((lon + 180) * SCALE);
    }

    private static int y(double lat) {
        return (int) Math.round((90 - lat) * SCALE);
    }
}

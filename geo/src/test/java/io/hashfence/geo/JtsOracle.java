package io.hashfence.geo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The reference answer: JTS prepared {@code covers} over the very polygons the index was built from, in an
 * STRtree. The benchmarks use it as their baseline too ({@link #firstCoveringRegion}, the usual JTS approach,
 * as in GraphHopper's country lookup).
 */
final class JtsOracle {
    private final GeometryFactory factory = new GeometryFactory();
    private final PreparedGeometry[] prepared;
    private final STRtree tree = new STRtree();

    JtsOracle(Regions regions) {
        prepared = new PreparedGeometry[regions.count()];
        for (int r = 0; r < regions.count(); r++) {
            prepared[r] = PreparedGeometryFactory.prepare(geometry(regions, r));
            tree.insert(prepared[r].getGeometry().getEnvelopeInternal(), r);
        }
        tree.build();
    }

    private Geometry geometry(Regions regions, int r) {
        List<Polygon> polygons = new ArrayList<>();
        LinearRing shell = null;
        List<LinearRing> holes = new ArrayList<>();
        for (int ring = regions.ringStart[r]; ring < regions.ringStart[r + 1]; ring++) {
            Coordinate[] coordinates = new Coordinate[regions.vertexStart[ring + 1] - regions.vertexStart[ring]];
            for (int i = 0; i < coordinates.length; i++) {
                int v = regions.vertexStart[ring] + i;
                coordinates[i] = new Coordinate(regions.x(v), regions.y(v));
            }
            LinearRing linearRing = factory.createLinearRing(coordinates);
            if (regions.exterior[ring]) {
                if (shell != null) {
                    polygons.add(factory.createPolygon(shell, holes.toArray(LinearRing[]::new)));
                }
                shell = linearRing;
                holes.clear();
            } else {
                holes.add(linearRing);
            }
        }
        polygons.add(factory.createPolygon(shell, holes.toArray(LinearRing[]::new)));
        return polygons.size() == 1 ? polygons.get(0) : factory.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    /** The first region the tree offers that covers the point, or -1: what a JTS-based locator would answer. */
    int firstCoveringRegion(double lat, double lon) {
        Point point = factory.createPoint(new Coordinate(lon, lat));
        for (Object candidate : tree.query(point.getEnvelopeInternal())) {
            int r = (Integer) candidate;
            if (prepared[r].covers(point)) {
                return r;
            }
        }
        return -1;
    }

    /** Indexes of every region covering the point, ascending. */
    List<Integer> coveringRegions(double lat, double lon) {
        Point point = factory.createPoint(new Coordinate(lon, lat));
        List<Integer> covering = new ArrayList<>();
        for (Object candidate : tree.query(point.getEnvelopeInternal())) {
            int r = (Integer) candidate;
            if (prepared[r].covers(point)) {
                covering.add(r);
            }
        }
        covering.sort(null);
        return covering;
    }

    /** The region the documented tie rule picks (lowest index), or -1 when none covers the point. */
    int expectedRegion(double lat, double lon) {
        List<Integer> covering = coveringRegions(lat, lon);
        return covering.isEmpty() ? -1 : covering.get(0);
    }
}

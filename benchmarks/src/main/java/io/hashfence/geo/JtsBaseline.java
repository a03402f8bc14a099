package io.hashfence.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.List;

/**
 * The usual JTS approach (as in GraphHopper's country lookup): an STRtree of PreparedGeometry over the
 * same subdivision polygons, answering with the first candidate that covers the point. Lives in the
 * geo package to read the index's polygon arrays without widening the library's public API.
 */
final class JtsBaseline {
    private final GeometryFactory factory = new GeometryFactory();
    private final STRtree tree = new STRtree();

    JtsBaseline(Regions regions) {
        for (int r = 0; r < regions.count(); r++) {
            List<Polygon> polygons = new ArrayList<>();
            LinearRing shell = null;
            List<LinearRing> holes = new ArrayList<>();
            for (int ring = regions.ringStart[r]; ring < regions.ringStart[r + 1]; ring++) {
                Coordinate[] coordinates = new Coordinate[regions.vertexStart[ring + 1] - regions.vertexStart[ring]];
                for (int i = 0; i < coordinates.length; i++) {
                    int v = regions.vertexStart[ring] + i;
                    coordinates[i] = new Coordinate(regions.xs[v], regions.ys[v]);
                }
                if (regions.exterior[ring]) {
                    if (shell != null) {
                        polygons.add(factory.createPolygon(shell, holes.toArray(LinearRing[]::new)));
                        holes.clear();
                    }
                    shell = factory.createLinearRing(coordinates);
                } else {
                    holes.add(factory.createLinearRing(coordinates));
                }
            }
            polygons.add(factory.createPolygon(shell, holes.toArray(LinearRing[]::new)));
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(
                    factory.createMultiPolygon(polygons.toArray(Polygon[]::new)));
            tree.insert(prepared.getGeometry().getEnvelopeInternal(), new Entry(r, prepared));
        }
        tree.build();
    }

    private record Entry(int region, PreparedGeometry geometry) {
    }

    /** The first region found covering the point, or -1. */
    int regionAt(double lat, double lon) {
        Point point = factory.createPoint(new Coordinate(lon, lat));
        for (Object candidate : tree.query(point.getEnvelopeInternal())) {
            Entry entry = (Entry) candidate;
            if (entry.geometry().covers(point)) {
                return entry.region();
            }
        }
        return -1;
    }
}

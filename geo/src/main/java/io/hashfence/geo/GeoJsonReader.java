package io.hashfence.geo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Streams the (multi)polygon features of a GeoJSON FeatureCollection (import tool only). */
final class GeoJsonReader {
    private GeoJsonReader() {}

    static List<GeoJsonFeature> read(InputStream in) throws IOException {
        List<GeoJsonFeature> features = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(in)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("features")) {
                    expect(parser.currentToken(), JsonToken.START_ARRAY);
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        features.add(readFeature(parser, features.size()));
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return features;
    }

    private static GeoJsonFeature readFeature(JsonParser parser, int index) throws IOException {
        Map<String, String> properties = new HashMap<>();
        String geometryType = null;
        List<List<double[]>> polygons = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "properties" -> {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                            properties.put(key, parser.getValueAsString());
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
                case "geometry" -> {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        parser.nextToken();
                        if (key.equals("type")) {
                            geometryType = parser.getText();
                        } else if (key.equals("coordinates")) {
                            collectPolygons(readArray(parser), polygons);
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (!"Polygon".equals(geometryType) && !"MultiPolygon".equals(geometryType)) {
            throw new IOException("feature " + index + " has geometry " + geometryType + ", expected (Multi)Polygon");
        }
        return new GeoJsonFeature(index, Map.copyOf(properties), polygons);
    }

    private record Ring(double[] lonLat) {}

    /** Collects the polygons (lists of rings) of a Polygon or MultiPolygon's coordinates. */
    private static void collectPolygons(Object node, List<List<double[]>> polygons) throws IOException {
        if (!(node instanceof List<?> children) || children.isEmpty()) {
            throw new IOException("malformed GeoJSON coordinates: expected an array of rings or polygons");
        }
        if (children.get(0) instanceof Ring) {
            List<double[]> polygon = new ArrayList<>();
            for (Object child : children) {
                if (!(child instanceof Ring ring)) {
                    throw new IOException("malformed GeoJSON coordinates: a polygon holds a non-ring");
                }
                polygon.add(ring.lonLat());
            }
            polygons.add(polygon);
        } else {
            for (Object child : children) {
                collectPolygons(child, polygons);
            }
        }
    }

    /** Reads the array at the current START_ARRAY: a position (double[]), a Ring, or a list of those. */
    private static Object readArray(JsonParser parser) throws IOException {
        List<Object> children = new ArrayList<>();
        double[] numbers = new double[3];
        int numberCount = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token.isNumeric()) {
                if (numberCount == numbers.length) {
                    throw new IOException("malformed GeoJSON: position with more than 3 numbers");
                }
                numbers[numberCount++] = parser.getDoubleValue();
            } else {
                expect(token, JsonToken.START_ARRAY);
                children.add(readArray(parser));
            }
        }
        if (numberCount > 0) {
            return numbers;
        }
        if (!children.isEmpty() && children.get(0) instanceof double[]) {
            double[] lonLat = new double[children.size() * 2];
            for (int i = 0; i < children.size(); i++) {
                double[] position = (double[]) children.get(i);
                lonLat[2 * i] = position[0];
                lonLat[2 * i + 1] = position[1];
            }
            return new Ring(lonLat);
        }
        return children;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("malformed GeoJSON: expected " + expected + " but found " + actual);
        }
    }
}

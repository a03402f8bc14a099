package io.hashfence.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bundled resource: gzip of a varint stream holding three layers, the countries (with their
 * territorial sea), the subdivisions and the outlined disputed areas, each as: countries, region names
 * (all but the country layer), ring sizes (with an exterior-ring flag), vertex coordinates (degrees x 10^5,
 * delta-coded; the sources of the first two layers have at most 5 decimals, so this is lossless for them,
 * and the import rounds the outlines to it) and the layer's prebuilt {@link LookupGrid}.
 */
final class BundleCodec {
    static final int COORDINATE_SCALE = 100_000;
    private static final int MAGIC = 0x48464745;
    private static final int VERSION = 3;

    /**
     * The country layer (countries with their territorial sea), the subdivision layer and the layer of
     * disputed areas drawn by outline (one named region per outline, its country the state in control).
     */
    record Bundle(Layer countries, Layer subdivisions, Layer disputedAreas) {}

    /** One layer's polygons and its prebuilt lookup grid. */
    record Layer(Regions regions, LookupGrid grid) {}

    private BundleCodec() {}

    static void write(Bundle bundle, OutputStream out) throws IOException {
        Writer w = new Writer();
        w.fixedInt(MAGIC);
        w.varint(VERSION);
        w.varint(COORDINATE_SCALE);
        w.varint(LookupGrid.CELLS_PER_DEGREE);
        writeLayer(bundle.countries(), w);
        writeLayer(bundle.subdivisions(), w);
        writeLayer(bundle.disputedAreas(), w);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
            w.bytes.writeTo(gzip);
        }
    }

    private static void writeLayer(Layer layer, Writer w) {
        Regions regions = layer.regions();
        LookupGrid grid = layer.grid();
        w.varint(regions.countries.length);
        for (Country country : regions.countries) {
            w.string(country.code());
            w.string(country.name());
        }
        w.varint(regions.hasSubdivisions() ? 1 : 0);
        w.varint(regions.count());
        for (int r = 0; r < regions.count(); r++) {
            if (regions.hasSubdivisions()) {
                w.string(regions.subdivisions[r].code());
                w.string(regions.subdivisions[r].name());
            }
            w.varint(regions.countryOf[r]);
            w.varint(regions.ringStart[r + 1] - regions.ringStart[r]);
            for (int ring = regions.ringStart[r]; ring < regions.ringStart[r + 1]; ring++) {
                int size = regions.vertexStart[ring + 1] - regions.vertexStart[ring];
                w.varint(2L * size + (regions.exterior[ring] ? 1 : 0));
            }
        }
        long previousX = 0;
        long previousY = 0;
        for (int v = 0; v < regions.vertexCount(); v++) {
            long x = regions.xs[v];
            long y = regions.ys[v];
            w.signedVarint(x - previousX);
            w.signedVarint(y - previousY);
            previousX = x;
            previousY = y;
        }
        w.varint(grid.blocks.length);
        for (int block : grid.blocks) {
            w.signedVarint(block);
        }
        w.varint(grid.cells.length);
        for (char cell : grid.cells) {
            w.varint(cell);
        }
        w.varint(grid.listStart.length - 1);
        for (int list = 0; list + 1 < grid.listStart.length; list++) {
            w.varint(grid.listStart[list + 1] - grid.listStart[list]);
            for (int k = grid.listStart[list]; k < grid.listStart[list + 1]; k++) {
                w.varint(grid.listRegions[k]);
            }
        }
    }

    /** The coordinate as an integer number of 10^-5 degrees; fails if that would lose precision. */
    static long scaled(double degrees) {
        long scaled = Math.round(degrees * COORDINATE_SCALE);
        if (scaled / (double) COORDINATE_SCALE != degrees) {
            throw new IllegalArgumentException("coordinate has more than 5 decimals: " + degrees);
        }
        return scaled;
    }

    static Bundle read(InputStream in) throws IOException {
        byte[] data;
        try (GZIPInputStream gzip = new GZIPInputStream(in, 1 << 16)) {
            data = gzip.readAllBytes();
        }
        Reader r = new Reader(data);
        if (r.fixedInt() != MAGIC || r.varint() != VERSION) {
            throw new IOException("not a Hashfence geo bundle of version " + VERSION);
        }
        if (r.varint() != COORDINATE_SCALE || r.varint() != LookupGrid.CELLS_PER_DEGREE) {
            throw new IOException("geo bundle built with a different coordinate scale or grid resolution");
        }
        Layer countries = readLayer(r);
        Layer subdivisions = readLayer(r);
        Layer disputedAreas = readLayer(r);
        if (!r.atEnd()) {
            throw new IOException("trailing data in geo bundle");
        }
        return new Bundle(countries, subdivisions, disputedAreas);
    }

    private static Layer readLayer(Reader r) {
        Country[] countries = new Country[r.varint()];
        for (int i = 0; i < countries.length; i++) {
            countries[i] = new Country(r.string(), r.string());
        }
        boolean named = r.varint() == 1;
        int regionCount = r.varint();
        Subdivision[] subdivisions = new Subdivision[named ? regionCount : 0];
        int[] countryOf = new int[regionCount];
        int[] ringStart = new int[regionCount + 1];
        int[] ringSizes = new int[16];
        int rings = 0;
        for (int i = 0; i < regionCount; i++) {
            if (named) {
                subdivisions[i] = new Subdivision(r.string(), r.string());
            }
            countryOf[i] = r.varint();
            int regionRings = r.varint();
            ringStart[i + 1] = ringStart[i] + regionRings;
            for (int k = 0; k < regionRings; k++) {
                if (rings == ringSizes.length) {
                    ringSizes = Arrays.copyOf(ringSizes, rings * 2);
                }
                ringSizes[rings++] = r.varint();
            }
        }
        int[] vertexStart = new int[rings + 1];
        boolean[] exterior = new boolean[rings];
        for (int k = 0; k < rings; k++) {
            vertexStart[k + 1] = vertexStart[k] + (ringSizes[k] >>> 1);
            exterior[k] = (ringSizes[k] & 1) == 1;
        }
        int vertices = vertexStart[rings];
        int[] xs = new int[vertices];
        int[] ys = new int[vertices];
        long x = 0;
        long y = 0;
        for (int v = 0; v < vertices; v++) {
            x += r.signedVarint();
            y += r.signedVarint();
            xs[v] = (int) x;
            ys[v] = (int) y;
        }
        int[] blocks = new int[r.varint()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = (int) r.signedVarint();
        }
        char[] cells = new char[r.varint()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = (char) r.varint();
        }
        int lists = r.varint();
        int[] listStart = new int[lists + 1];
        int[] listRegions = new int[16];
        for (int list = 0; list < lists; list++) {
            int size = r.varint();
            listStart[list + 1] = listStart[list] + size;
            if (listStart[list + 1] > listRegions.length) {
                listRegions = Arrays.copyOf(listRegions, Math.max(listRegions.length * 2, listStart[list + 1]));
            }
            for (int k = listStart[list]; k < listStart[list + 1]; k++) {
                listRegions[k] = r.varint();
            }
        }
        Regions regions = new Regions(countries, subdivisions, countryOf, ringStart, vertexStart, exterior, xs, ys);
        LookupGrid grid =
                new LookupGrid(regionCount, blocks, cells, listStart, Arrays.copyOf(listRegions, listStart[lists]));
        return new Layer(regions, grid);
    }

    private static final class Writer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 22);

        void fixedInt(int value) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes.write(value >>> shift);
            }
        }

        void varint(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("negative varint " + value);
            }
            while (value >= 0x80) {
                bytes.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes.write((int) value);
        }

        void signedVarint(long value) {
            varint((value << 1) ^ (value >> 63));
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            bytes.write(utf8, 0, utf8.length);
        }
    }

    private static final class Reader {
        private final byte[] data;
        private int position;

        Reader(byte[] data) {
            this.data = data;
        }

        int fixedInt() {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                value = (value << 8) | (data[position++] & 0xFF);
            }
            return value;
        }

        int varint() {
            long value = unsignedVarint();
            if (value > Integer.MAX_VALUE) {
                throw new IllegalStateException("varint out of int range");
            }
            return (int) value;
        }

        long signedVarint() {
            long raw = unsignedVarint();
            return (raw >>> 1) ^ -(raw & 1);
        }

        private long unsignedVarint() {
            long value = 0;
            int shift = 0;
            while (true) {
                byte b = data[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
                shift += 7;
            }
        }

        String string() {
            int length = varint();
            String s = new String(data, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }

        boolean atEnd() {
            return position == data.length;
        }
    }
}

package io.hashfence.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link LookupGrid} at import time. A cell is a border cell for every region with an edge
 * touching the cell (cells are widened by a hair so rounding in the lookup's cell arithmetic cannot
 * hide an edge); a cell no edge of region r touches is wholly inside or wholly outside r, decided at
 * its centre by a scanline. Sea cells within reach of any border cell are marked as possibly
 * territorial; the rest are international.
 */
final class GridBuilder {
    private static final int F = LookupGrid.CELLS_PER_DEGREE;
    private static final int COLUMNS = LookupGrid.COLUMNS;
    private static final int ROWS = LookupGrid.ROWS;
    private static final double MARGIN_CELLS = 1e-6;
    private static final int UNSET = -1;

    private final Regions regions;
    private final boolean everyCoveringRegion;
    private final EdgeBands bands;
    private final LongList touches = new LongList();
    private final int[] touchStart;
    private final int[] contained;
    private final LongList extraContained = new LongList();

    private GridBuilder(Regions regions, EdgeBands bands, boolean everyCoveringRegion) {
        this.regions = regions;
        this.everyCoveringRegion = everyCoveringRegion;
        this.bands = bands;
        this.touchStart = new int[regions.count() + 1];
        this.contained = new int[COLUMNS * ROWS];
        Arrays.fill(contained, UNSET);
    }

    /**
     * The grid for a layer. With {@code everyCoveringRegion} a point's candidate list holds every region
     * that may cover it (so that overlapping regions can all be found, as the country layer needs), and a
     * cell is stored as wholly inside a region only when no other region contains it or touches it with an
     * edge (a cell inside A that B's edges cross holds B in part, whatever their order); without, a list
     * ends at the first region wholly containing the cell, which is all a first-match lookup needs.
     */
    static LookupGrid build(Regions regions, EdgeBands bands, boolean everyCoveringRegion) {
        if (regions.count() + LookupGrid.FIRST_REGION >= Character.MAX_VALUE) {
            throw new IllegalStateException("too many regions for 16-bit cell values: " + regions.count());
        }
        GridBuilder builder = new GridBuilder(regions, bands, everyCoveringRegion);
        builder.rasterizeEdges();
        builder.fillInteriors();
        return builder.assemble();
    }

    private void rasterizeEdges() {
        int[] lastToucher = new int[COLUMNS * ROWS];
        Arrays.fill(lastToucher, UNSET);
        for (int r = 0; r < regions.count(); r++) {
            touchStart[r] = touches.size();
            for (int ring = regions.ringStart[r]; ring < regions.ringStart[r + 1]; ring++) {
                int last = regions.vertexStart[ring + 1] - 1;
                for (int v = regions.vertexStart[ring]; v < last; v++) {
                    rasterizeEdge(
                            r,
                            (regions.x(v) + 180.0) * F,
                            (regions.y(v) + 90.0) * F,
                            (regions.x(v + 1) + 180.0) * F,
                            (regions.y(v + 1) + 90.0) * F,
                            lastToucher);
                }
            }
        }
        touchStart[regions.count()] = touches.size();
    }

    private void rasterizeEdge(int r, double u1, double v1, double u2, double v2, int[] lastToucher) {
        int col0 = clamp((int) Math.floor(Math.min(u1, u2) - MARGIN_CELLS), COLUMNS);
        int col1 = clamp((int) Math.floor(Math.max(u1, u2) + MARGIN_CELLS), COLUMNS);
        int row0 = clamp((int) Math.floor(Math.min(v1, v2) - MARGIN_CELLS), ROWS);
        int row1 = clamp((int) Math.floor(Math.max(v1, v2) + MARGIN_CELLS), ROWS);
        for (int row = row0; row <= row1; row++) {
            for (int col = col0; col <= col1; col++) {
                boolean single = col0 == col1 && row0 == row1;
                if (single
                        || segmentMeetsRectangle(
                                u1,
                                v1,
                                u2,
                                v2,
                                col - MARGIN_CELLS,
                                row - MARGIN_CELLS,
                                col + 1 + MARGIN_CELLS,
                                row + 1 + MARGIN_CELLS)) {
                    int cell = row * COLUMNS + col;
                    if (lastToucher[cell] != r) {
                        lastToucher[cell] = r;
                        touches.add(((long) cell << 16) | r);
                    }
                }
            }
        }
    }

    private static int clamp(int index, int size) {
        return Math.max(0, Math.min(size - 1, index));
    }

    /** Liang-Barsky clipping: does the segment meet the closed rectangle? */
    static boolean segmentMeetsRectangle(
            double u1, double v1, double u2, double v2, double minU, double minV, double maxU, double maxV) {
        double du = u2 - u1;
        double dv = v2 - v1;
        double[] p = {-du, du, -dv, dv};
        double[] q = {u1 - minU, maxU - u1, v1 - minV, maxV - v1};
        double t0 = 0.0;
        double t1 = 1.0;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0.0) {
                if (q[i] < 0.0) {
                    return false;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0.0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
                if (t0 > t1) {
                    return false;
                }
            }
        }
        return true;
    }

    private void fillInteriors() {
        int[] touchedBy = new int[COLUMNS * ROWS];
        Arrays.fill(touchedBy, UNSET);
        for (int r = 0; r < regions.count(); r++) {
            for (int k = touchStart[r]; k < touchStart[r + 1]; k++) {
                touchedBy[(int) (touches.get(k) >>> 16)] = r;
            }
            int row0 = clamp((int) Math.floor((regions.minY[r] + 90.0) * F), ROWS);
            int row1 = clamp((int) Math.floor((regions.maxY[r] + 90.0) * F), ROWS);
            for (int row = row0; row <= row1; row++) {
                double[] crossings = bands.crossingsAt(r, (row + 0.5) / F - 90.0);
                Arrays.sort(crossings);
                for (int i = 0; i + 1 < crossings.length; i += 2) {
                    int col0 = Math.max(0, (int) Math.ceil((crossings[i] + 180.0) * F - 0.5));
                    int col1 = Math.min(COLUMNS - 1, (int) Math.floor((crossings[i + 1] + 180.0) * F - 0.5));
                    for (int col = col0; col <= col1; col++) {
                        int cell = row * COLUMNS + col;
                        if (touchedBy[cell] == r) {
                            continue;
                        }
                        if (contained[cell] == UNSET) {
                            contained[cell] = r;
                        } else {
                            extraContained.add(((long) cell << 16) | r);
                        }
                    }
                }
            }
        }
    }

    private LookupGrid assemble() {
        long[] touchPairs = touches.sorted();
        long[] extraPairs = extraContained.sorted();
        int[] values = new int[COLUMNS * ROWS];
        boolean[] border = new boolean[COLUMNS * ROWS];
        Map<IntArrayKey, Integer> listIds = new HashMap<>();
        List<int[]> lists = new ArrayList<>();
        int[] scratch = new int[64];
        int[] containerScratch = new int[8];
        int t = 0;
        int e = 0;
        for (int cell = 0; cell < values.length; cell++) {
            int firstContainer = contained[cell];
            int containers = firstContainer == UNSET ? 0 : 1;
            int[] allContainers = containerScratch;
            if (containers == 1) {
                allContainers[0] = firstContainer;
            }
            while (e < extraPairs.length && (int) (extraPairs[e] >>> 16) == cell) {
                int container = (int) (extraPairs[e++] & 0xFFFF);
                firstContainer = Math.min(firstContainer, container);
                if (containers == allContainers.length) {
                    allContainers = containerScratch = Arrays.copyOf(allContainers, containers * 2);
                }
                allContainers[containers++] = container;
            }
            int touching = 0;
            while (t < touchPairs.length && (int) (touchPairs[t] >>> 16) == cell) {
                if (touching == scratch.length) {
                    scratch = Arrays.copyOf(scratch, touching * 2);
                }
                scratch[touching++] = (int) (touchPairs[t++] & 0xFFFF);
            }
            border[cell] = touching > 0;
            int[] list;
            if (touching == 0 && firstContainer == UNSET) {
                values[cell] = LookupGrid.INTERNATIONAL;
                continue;
            } else if (firstContainer != UNSET
                    && (everyCoveringRegion
                            ? touching == 0 && containers == 1
                            : touching == 0 || firstContainer < scratch[0])) {
                values[cell] = LookupGrid.FIRST_REGION + firstContainer;
                continue;
            } else if (everyCoveringRegion) {
                list = Arrays.copyOf(scratch, touching + containers);
                System.arraycopy(allContainers, 0, list, touching, containers);
                Arrays.sort(list);
            } else {
                int size = 0;
                while (size < touching && (firstContainer == UNSET || scratch[size] < firstContainer)) {
                    size++;
                }
                list = Arrays.copyOf(scratch, firstContainer == UNSET ? size : size + 1);
                if (firstContainer != UNSET) {
                    list[size] = firstContainer;
                }
            }
            Integer id = listIds.computeIfAbsent(new IntArrayKey(list), k -> {
                lists.add(k.values);
                return lists.size() - 1;
            });
            values[cell] = LookupGrid.FIRST_REGION + regions.count() + id;
        }
        int maxValue = LookupGrid.FIRST_REGION + regions.count() + lists.size();
        if (maxValue > Character.MAX_VALUE) {
            throw new IllegalStateException("too many distinct candidate lists for 16-bit cells: " + lists.size());
        }
        markNearCoast(values, border);
        return compact(values, lists);
    }

    private static void markNearCoast(int[] values, boolean[] border) {
        double cellKm = SphericalDistance.KM_PER_DEGREE / F;
        int rowReach = (int) Math.ceil(GeoIndex.TERRITORIAL_SEA_KM / cellKm) + 1;
        boolean[] near = new boolean[values.length];
        boolean[] wholeRowNear = new boolean[ROWS];
        for (int row = 0; row < ROWS; row++) {
            int r0 = Math.max(0, row - rowReach);
            int r1 = Math.min(ROWS - 1, row + rowReach);
            double farLat = Math.max(Math.abs(r0 / (double) F - 90.0), Math.abs((r1 + 1) / (double) F - 90.0));
            double lonReach = SphericalDistance.longitudeReach(Math.min(90.0, farLat), GeoIndex.TERRITORIAL_SEA_KM);
            int colReach = (int) Math.ceil(lonReach * F) + 1;
            for (int col = 0; col < COLUMNS; col++) {
                if (!border[row * COLUMNS + col]) {
                    continue;
                }
                if (2 * colReach + 1 >= COLUMNS) {
                    for (int rr = r0; rr <= r1; rr++) {
                        wholeRowNear[rr] = true;
                    }
                    continue;
                }
                for (int rr = r0; rr <= r1; rr++) {
                    for (int c = col - colReach; c <= col + colReach; c++) {
                        near[rr * COLUMNS + Math.floorMod(c, COLUMNS)] = true;
                    }
                }
            }
        }
        for (int cell = 0; cell < values.length; cell++) {
            if (values[cell] == LookupGrid.INTERNATIONAL && (near[cell] || wholeRowNear[cell / COLUMNS])) {
                values[cell] = LookupGrid.NEAR_COAST;
            }
        }
    }

    private LookupGrid compact(int[] values, List<int[]> lists) {
        int blockRows = ROWS / F;
        int[] blocks = new int[blockRows * LookupGrid.BLOCK_COLUMNS];
        char[] cells = new char[1 << 20];
        int blockCount = 0;
        for (int br = 0; br < blockRows; br++) {
            for (int bc = 0; bc < LookupGrid.BLOCK_COLUMNS; bc++) {
                int first = values[(br * F) * COLUMNS + bc * F];
                boolean uniform = true;
                for (int i = 0; i < F && uniform; i++) {
                    for (int j = 0; j < F; j++) {
                        if (values[(br * F + i) * COLUMNS + bc * F + j] != first) {
                            uniform = false;
                            break;
                        }
                    }
                }
                if (uniform) {
                    blocks[br * LookupGrid.BLOCK_COLUMNS + bc] = first;
                    continue;
                }
                if ((blockCount + 1) * LookupGrid.BLOCK_CELLS > cells.length) {
                    cells = Arrays.copyOf(cells, cells.length * 2);
                }
                for (int i = 0; i < F; i++) {
                    for (int j = 0; j < F; j++) {
                        cells[blockCount * LookupGrid.BLOCK_CELLS + i * F + j] =
                                (char) values[(br * F + i) * COLUMNS + bc * F + j];
                    }
                }
                blocks[br * LookupGrid.BLOCK_COLUMNS + bc] = ~blockCount;
                blockCount++;
            }
        }
        int[] listStart = new int[lists.size() + 1];
        for (int i = 0; i < lists.size(); i++) {
            listStart[i + 1] = listStart[i] + lists.get(i).length;
        }
        int[] listRegions = new int[listStart[lists.size()]];
        for (int i = 0; i < lists.size(); i++) {
            System.arraycopy(lists.get(i), 0, listRegions, listStart[i], lists.get(i).length);
        }
        return new LookupGrid(
                regions.count(),
                blocks,
                Arrays.copyOf(cells, blockCount * LookupGrid.BLOCK_CELLS),
                listStart,
                listRegions);
    }

    private record IntArrayKey(int[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IntArrayKey other && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    private static final class LongList {
        private long[] values = new long[1 << 16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long get(int index) {
            return values[index];
        }

        int size() {
            return size;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}

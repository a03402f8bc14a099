package io.hashfence.geo;

/**
 * Two-level raster over the whole globe: {@value #CELLS_PER_DEGREE} cells per degree, grouped in
 * 1-degree blocks. A block whose cells all agree stores that value once; other blocks store a value
 * per cell. A cell value is one of:
 * <ul>
 *   <li>{@link #INTERNATIONAL}: open sea, farther than the territorial limit from every boundary;</li>
 *   <li>{@link #NEAR_COAST}: sea that may lie within the territorial limit;</li>
 *   <li>{@code FIRST_REGION + r}: wholly inside region r;</li>
 *   <li>{@code FIRST_REGION + regionCount + list}: a border cell; the candidate regions
 *       {@code listRegions[listStart[list] .. listStart[list+1]-1]}, ascending, are tested exactly
 *       and the first that covers the point wins;</li>
 *   <li>{@code settledBase + r} (subdivision layer, set at load by {@link SettledCells}): wholly inside
 *       region r, and the country layer's cell is wholly inside r's country, so r alone settles the
 *       answer.</li>
 * </ul>
 * Built once by {@link GridBuilder} during import and stored in the bundle (without settled values).
 */
final class LookupGrid {
    static final int CELLS_PER_DEGREE = 16;
    static final int COLUMNS = 360 * CELLS_PER_DEGREE;
    static final int ROWS = 180 * CELLS_PER_DEGREE;
    static final int BLOCK_COLUMNS = 360;
    static final int BLOCK_CELLS = CELLS_PER_DEGREE * CELLS_PER_DEGREE;
    static final int INTERNATIONAL = 0;
    static final int NEAR_COAST = 1;
    static final int FIRST_REGION = 2;

    final int regionCount;
    /** Per block: the uniform value if >= 0, else {@code ~blockIndex} into {@link #cells}. */
    final int[] blocks;

    final char[] cells;
    final int[] listStart;
    final int[] listRegions;
    /** The first value past the border cells' lists: {@code settledBase + r} is region r, settled. */
    final int settledBase;

    LookupGrid(int regionCount, int[] blocks, char[] cells, int[] listStart, int[] listRegions) {
        this.regionCount = regionCount;
        this.blocks = blocks;
        this.cells = cells;
        this.listStart = listStart;
        this.listRegions = listRegions;
        this.settledBase = FIRST_REGION + regionCount + listStart.length - 1;
    }

    /** The region a cell value says the cell is wholly inside (settled or not), or -1 for sea or a border cell. */
    int insideRegion(int value) {
        if (value >= settledBase) {
            return value - settledBase;
        }
        int region = value - FIRST_REGION;
        return region >= 0 && region < regionCount ? region : -1;
    }

    /** The region a settled cell value names, or -1 for any other value. */
    int settledRegion(int value) {
        return value >= settledBase ? value - settledBase : -1;
    }

    /** The candidate list of a border cell's value. */
    int list(int value) {
        return value - FIRST_REGION - regionCount;
    }

    static int column(double lon) {
        return Math.min(COLUMNS - 1, (int) ((lon + 180.0) * CELLS_PER_DEGREE));
    }

    static int row(double lat) {
        return Math.min(ROWS - 1, (int) ((lat + 90.0) * CELLS_PER_DEGREE));
    }

    /** The value of the cell holding a (validated) coordinate. */
    int valueAt(double lat, double lon) {
        int col = column(lon);
        int row = row(lat);
        int block = blocks[(row / CELLS_PER_DEGREE) * BLOCK_COLUMNS + col / CELLS_PER_DEGREE];
        if (block >= 0) {
            return block;
        }
        return cells[(~block) * BLOCK_CELLS + (row % CELLS_PER_DEGREE) * CELLS_PER_DEGREE + col % CELLS_PER_DEGREE];
    }

    long retainedBytes() {
        return 4L * blocks.length + 2L * cells.length + 4L * (listStart.length + listRegions.length);
    }
}

package org.advlens.eval.boundary;

/**
 * The grid of a decision plane.
 *
 * <p>Points are <em>not</em> clipped to the input box by default: the picture is then a flat slice of input
 * space, in which a linear model's boundaries are straight lines and distances read true. Clipping folds the
 * plane (every point beyond a bound collapses onto the same face of the box), so boundaries bend and whole
 * regions repeat one image; turn {@code clip} on to see the model on valid images only.
 *
 * @param resolution cells per side, at least 2 (101 gives 10,201 cells)
 * @param extentA half-width of the {@code a} range, in pixel-space L2 units: {@code a} runs over
 *                {@code [-extentA, extentA]}
 * @param extentB half-width of the {@code b} range, likewise
 * @param clip whether to clip each point to the model's input bounds before classifying it
 * @param coarseStride the coarse pass classifies every {@code coarseStride}-th cell on each axis first; 1 skips it
 * @param batchSize points per forward batch
 */
public record PlaneSpec(int resolution, double extentA, double extentB, boolean clip, int coarseStride,
                        int batchSize) {

    public static final int MAX_RESOLUTION = 1001;

    public PlaneSpec {
        if (resolution < 2 || resolution > MAX_RESOLUTION) {
            throw new IllegalArgumentException("resolution must be in [2, " + MAX_RESOLUTION + "], got " + resolution);
        }
        if (!(extentA > 0) || !Double.isFinite(extentA) || !(extentB > 0) || !Double.isFinite(extentB)) {
            throw new IllegalArgumentException("extents must be finite and > 0, got " + extentA + " and " + extentB);
        }
        if (coarseStride < 1 || coarseStride >= resolution) {
            throw new IllegalArgumentException("coarse stride must be in [1, " + (resolution - 1) + "], got "
                    + coarseStride);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be in [1, 10000], got " + batchSize);
        }
    }

    /** A square grid, unclipped, coarse stride 4 (or 1 for tiny grids), batches of 256. */
    public static PlaneSpec square(int resolution, double extent) {
        return new PlaneSpec(resolution, extent, extent, false, resolution > 8 ? 4 : 1, 256);
    }

    public PlaneSpec withClip(boolean c) {
        return new PlaneSpec(resolution, extentA, extentB, c, coarseStride, batchSize);
    }

    public PlaneSpec withCoarseStride(int s) {
        return new PlaneSpec(resolution, extentA, extentB, clip, s, batchSize);
    }

    public PlaneSpec withBatchSize(int n) {
        return new PlaneSpec(resolution, extentA, extentB, clip, coarseStride, n);
    }

    /** The {@code a} coordinate of column {@code i}. */
    public double a(int i) {
        return -extentA + 2 * extentA * i / (resolution - 1);
    }

    /** The {@code b} coordinate of row {@code j}. */
    public double b(int j) {
        return -extentB + 2 * extentB * j / (resolution - 1);
    }
}

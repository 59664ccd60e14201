package org.advlens.eval.boundary;

import java.util.List;

/**
 * A classified decision plane. Cell {@code (i, j)} is the point {@code a(i).u + b(j).v}, column {@code i} along
 * {@code u} and row {@code j} along {@code v}, stored row-major at {@code j * resolution + i}.
 *
 * <p>A partial result (during the job) has {@code complete == false}: only the cells at multiples of
 * {@code exactStride} on both axes, plus the rows already refined, were classified, and every other cell repeats
 * the classified cell at the top-left corner of its block so a view can paint it at once.
 *
 * @param modelName the classifier's name
 * @param classNames the class names
 * @param plane the plane's directions and markers
 * @param spec the grid
 * @param predicted predicted class per cell
 * @param probabilities softmax per cell, {@code [cells, classes]} row-major
 * @param originalClass the prediction at the image itself
 * @param complete whether every cell was classified
 * @param exactStride the stride of the cells known to be exact in a partial result; 1 when complete
 */
public record PlaneResult(String modelName, List<String> classNames, Plane plane, PlaneSpec spec, int[] predicted,
                          float[] probabilities, int originalClass, boolean complete, int exactStride) {

    public PlaneResult {
        if (plane == null || spec == null || classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException("plane, grid and class names are required");
        }
        int cells = spec.resolution() * spec.resolution();
        if (predicted == null || predicted.length != cells) {
            throw new IllegalArgumentException("predicted needs " + cells + " cells");
        }
        if (probabilities == null || probabilities.length != cells * classNames.size()) {
            throw new IllegalArgumentException("probabilities need " + cells + " x " + classNames.size() + " values");
        }
        if (exactStride < 1) {
            throw new IllegalArgumentException("exact stride must be >= 1, got " + exactStride);
        }
        classNames = List.copyOf(classNames);
        predicted = predicted.clone();
        probabilities = probabilities.clone();
    }

    public int resolution() {
        return spec.resolution();
    }

    public int numClasses() {
        return classNames.size();
    }

    @Override
    public int[] predicted() {
        return predicted.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The predicted class of cell {@code (i, j)}. */
    public int predictedAt(int i, int j) {
        return predicted[index(i, j)];
    }

    /** The probability of the predicted class at cell {@code (i, j)}. */
    public float confidenceAt(int i, int j) {
        int c = index(i, j);
        return probabilities[c * numClasses() + predicted[c]];
    }

    /** The softmax of cell {@code (i, j)}. */
    public float[] probabilitiesAt(int i, int j) {
        int from = index(i, j) * numClasses();
        return java.util.Arrays.copyOfRange(probabilities, from, from + numClasses());
    }

    /** The image at cell {@code (i, j)}, clipped as the grid was. */
    public float[] imageAt(int i, int j, double lower, double upper) {
        return plane.pointAt(spec.a(i), spec.b(j), spec.clip(), lower, upper);
    }

    /** Whether the class of cell {@code (i, j)} differs from a right or upper neighbour's: a boundary cell. */
    public boolean isBoundary(int i, int j) {
        int c = predictedAt(i, j);
        return (i + 1 < resolution() && predictedAt(i + 1, j) != c)
                || (j + 1 < resolution() && predictedAt(i, j + 1) != c);
    }

    /**
     * The distance from the image along {@code +u} or {@code -u} (axis 0) or along {@code +-v} (axis 1) to the
     * first cell on the axis whose class differs from the image's: the margin in that direction, to the grid's
     * precision. {@code NaN} when the class does not change within the extent.
     */
    public double margin(int axis) {
        if (axis != 0 && axis != 1) {
            throw new IllegalArgumentException("axis must be 0 (u) or 1 (v), got " + axis);
        }
        int n = resolution();
        double best = Double.NaN;
        for (int k = 0; k < n; k++) {
            int i = axis == 0 ? k : centre();
            int j = axis == 0 ? centre() : k;
            if (predictedAt(i, j) != originalClass) {
                double d = axis == 0 ? Math.abs(spec.a(i)) : Math.abs(spec.b(j));
                if (Double.isNaN(best) || d < best) {
                    best = d;
                }
            }
        }
        return best;
    }

    /** The cell on the axis through the image (exact for an odd resolution). */
    private int centre() {
        return (int) Math.round((resolution() - 1) / 2.0);
    }

    private int index(int i, int j) {
        if (i < 0 || j < 0 || i >= resolution() || j >= resolution()) {
            throw new IndexOutOfBoundsException("cell (" + i + ", " + j + ") outside a " + resolution() + " grid");
        }
        return j * resolution() + i;
    }
}

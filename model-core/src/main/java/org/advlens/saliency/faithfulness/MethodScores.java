package org.advlens.saliency.faithfulness;

import java.util.EnumMap;
import java.util.Map;

/**
 * One row of a faithfulness table: a method's per-image values of each measure it has, and its mean curves. The
 * random-order row has only the three curve areas.
 *
 * @param method the method's registry name, or {@code random-order}
 * @param perImage per measure, one value per image
 * @param deletionCurve the mean deletion curve over images, {@code steps + 1} points
 * @param insertionCurve the mean insertion curve
 * @param roadCurve the mean ROAD curve
 */
public record MethodScores(String method, Map<FaithfulnessMetric, double[]> perImage, double[] deletionCurve,
                           double[] insertionCurve, double[] roadCurve) {

    /** The method name of the random-order baseline row. */
    public static final String RANDOM_ORDER = "random-order";

    public MethodScores {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method name must not be blank, got '" + method + "'");
        }
        if (perImage == null || deletionCurve == null || insertionCurve == null || roadCurve == null) {
            throw new IllegalArgumentException("scores and curves of " + method + " must not be null");
        }
        EnumMap<FaithfulnessMetric, double[]> copy = new EnumMap<>(FaithfulnessMetric.class);
        int n = -1;
        for (Map.Entry<FaithfulnessMetric, double[]> e : perImage.entrySet()) {
            if (n >= 0 && e.getValue().length != n) {
                throw new IllegalArgumentException(method + ": " + e.getKey().key() + " has " + e.getValue().length
                        + " values, other measures " + n);
            }
            n = e.getValue().length;
            copy.put(e.getKey(), e.getValue().clone());
        }
        perImage = java.util.Collections.unmodifiableMap(copy);
        deletionCurve = deletionCurve.clone();
        insertionCurve = insertionCurve.clone();
        roadCurve = roadCurve.clone();
    }

    /** Whether this row has {@code metric}. */
    public boolean has(FaithfulnessMetric metric) {
        return perImage.containsKey(metric);
    }

    /** The per-image values of {@code metric}, or an empty array where the row lacks it. */
    public double[] values(FaithfulnessMetric metric) {
        double[] v = perImage.get(metric);
        return v == null ? new double[0] : v.clone();
    }

    /** Mean over images of {@code metric}; NaN where the row lacks it. */
    public double mean(FaithfulnessMetric metric) {
        return has(metric) ? Statistics.mean(perImage.get(metric)) : Double.NaN;
    }

    /** Sample standard deviation over images of {@code metric}; NaN where the row lacks it. */
    public double std(FaithfulnessMetric metric) {
        return has(metric) ? Statistics.std(perImage.get(metric)) : Double.NaN;
    }

    @Override
    public Map<FaithfulnessMetric, double[]> perImage() {
        EnumMap<FaithfulnessMetric, double[]> copy = new EnumMap<>(FaithfulnessMetric.class);
        perImage.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    @Override
    public double[] deletionCurve() {
        return deletionCurve.clone();
    }

    @Override
    public double[] insertionCurve() {
        return insertionCurve.clone();
    }

    @Override
    public double[] roadCurve() {
        return roadCurve.clone();
    }
}

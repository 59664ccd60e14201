package org.advlens.app.attack;

import org.advlens.data.Images;

/**
 * A perturbation as a signed map for a diverging colour scale: per pixel, the change summed over channels,
 * divided by the largest magnitude so the values lie in [-1, 1].
 *
 * @param values {@code height * width} values in [-1, 1], row-major
 * @param height map height
 * @param width map width
 * @param scale the largest magnitude of the summed change: the value at either end of the colour scale
 */
public record Heatmap(float[] values, int height, int width, double scale) {

    public Heatmap {
        if (values.length != height * width) {
            throw new IllegalArgumentException("expected " + height * width + " values, got " + values.length);
        }
        values = values.clone();
    }

    /** The heatmap of {@code adversarial - clean} for the first image of each batch. */
    public static Heatmap of(Images clean, Images adversarial) {
        if (clean.imageSize() != adversarial.imageSize() || clean.height() != adversarial.height()) {
            throw new IllegalArgumentException("clean " + clean + " and adversarial " + adversarial + " differ in shape");
        }
        int plane = clean.height() * clean.width();
        float[] a = clean.pixels();
        float[] b = adversarial.pixels();
        float[] sum = new float[plane];
        for (int c = 0; c < clean.channels(); c++) {
            for (int p = 0; p < plane; p++) {
                sum[p] += b[c * plane + p] - a[c * plane + p];
            }
        }
        double max = 0;
        for (float v : sum) {
            max = Math.max(max, Math.abs(v));
        }
        if (max > 0) {
            for (int p = 0; p < plane; p++) {
                sum[p] = (float) (sum[p] / max);
            }
        }
        return new Heatmap(sum, clean.height(), clean.width(), max);
    }

    @Override
    public float[] values() {
        return values.clone();
    }
}

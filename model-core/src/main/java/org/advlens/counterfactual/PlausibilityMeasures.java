package org.advlens.counterfactual;

import org.advlens.data.Images;

/**
 * Measures {@link Plausibility}: distances to the original, the reconstruction error under a generative model and
 * the distance to the nearest reference example of the target class. The generative model and the reference set
 * are optional; their measures are {@code NaN} without them.
 *
 * @param autoencoder generative model, or {@code null}
 * @param reference reference examples, or {@code null}
 * @param changeThreshold a pixel counts as changed when it moved by more than this fraction of the pixel range
 * @param range the classifier's pixel range ({@code upper - lower})
 */
public record PlausibilityMeasures(Autoencoder autoencoder, ReferenceSet reference, double changeThreshold,
                                   double range) {

    /** Default {@link #changeThreshold}: a tenth of the range. */
    public static final double DEFAULT_CHANGE_THRESHOLD = 0.1;

    public PlausibilityMeasures {
        if (!(changeThreshold >= 0 && changeThreshold < 1)) {
            throw new IllegalArgumentException("changeThreshold must be in [0, 1), got " + changeThreshold);
        }
        if (!(range > 0) || !Double.isFinite(range)) {
            throw new IllegalArgumentException("range must be positive and finite, got " + range);
        }
    }

    public Plausibility measure(Counterfactual c) {
        return measure(c.original(), c.counterfactual(), c.targetClass());
    }

    /** Measures one counterfactual ({@code original} and {@code changed} are batches of one). */
    public Plausibility measure(Images original, Images changed, int targetClass) {
        float[] a = original.pixels();
        float[] b = changed.pixels();
        double l1 = 0;
        double sq = 0;
        int plane = original.height() * original.width();
        boolean[] moved = new boolean[plane];
        for (int i = 0; i < a.length; i++) {
            double d = (double) b[i] - a[i];
            l1 += Math.abs(d);
            sq += d * d;
            if (Math.abs(d) > changeThreshold * range) {
                moved[i % plane] = true;
            }
        }
        int changedPixels = 0;
        for (boolean m : moved) {
            changedPixels += m ? 1 : 0;
        }
        double rec = Double.NaN;
        double rec0 = Double.NaN;
        if (autoencoder != null) {
            float[] both = new float[a.length * 2];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            double[] e = autoencoder.reconstructionError(new Images(both, 2, original.channels(), original.height(),
                    original.width()));
            rec0 = e[0];
            rec = e[1];
        }
        double nearest = reference == null ? Double.NaN : reference.nearestDistance(b, targetClass);
        return new Plausibility(l1, Math.sqrt(sq), changedPixels, rec, rec0, nearest);
    }
}

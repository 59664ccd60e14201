package org.advlens.attack;

/**
 * The element-wise parts of the gradient attacks' loop on plain row-major float arrays, in place: a step along
 * the norm's steepest-ascent direction, and the projection onto the epsilon ball followed by clipping to the
 * model's bounds. One pass over the batch each, with no allocation, so an attack step costs little beside its
 * forward and backward pass. The arithmetic is the same float arithmetic as the array versions in {@link Norm}.
 * Public so that the adaptive attacks beside the defences take exactly the same steps and projections.
 */
public final class PerturbationSteps {

    private PerturbationSteps() {
    }

    /**
     * {@code adv += step * direction(sign * g)}: the sign of the gradient for L-inf, the gradient over its L2 norm
     * (plus 1e-12) for L2, per example of {@code size} values.
     */
    public static void ascend(float[] adv, float[] g, float sign, double step, Norm norm, int size) {
        float s = (float) step;
        if (norm == Norm.LINF) {
            for (int i = 0; i < adv.length; i++) {
                adv[i] += Math.signum(sign * g[i]) * s;
            }
            return;
        }
        for (int from = 0; from < adv.length; from += size) {
            double sq = 0;
            for (int i = from; i < from + size; i++) {
                sq += (double) g[i] * g[i];
            }
            float scale = (float) (step / (Math.sqrt(sq) + 1e-12)) * sign;
            for (int i = from; i < from + size; i++) {
                adv[i] += g[i] * scale;
            }
        }
    }

    /**
     * Projects {@code adv - x} onto the ball of radius {@code eps} and clips {@code x + delta} to
     * {@code [lower, upper]}, writing the result into {@code adv}.
     */
    public static void projectAndClip(float[] adv, float[] x, double eps, Norm norm, double lower, double upper, int size) {
        float lo = (float) lower;
        float hi = (float) upper;
        if (norm == Norm.LINF) {
            float e = (float) eps;
            for (int i = 0; i < adv.length; i++) {
                float d = Math.min(Math.max(adv[i] - x[i], -e), e);
                adv[i] = Math.min(Math.max(d + x[i], lo), hi);
            }
            return;
        }
        for (int from = 0; from < adv.length; from += size) {
            double sq = 0;
            for (int i = from; i < from + size; i++) {
                double d = (double) adv[i] - x[i];
                sq += d * d;
            }
            double n = Math.sqrt(sq);
            float factor = (float) (n > eps ? eps / n : 1.0);
            for (int i = from; i < from + size; i++) {
                float d = (adv[i] - x[i]) * factor;
                adv[i] = Math.min(Math.max(d + x[i], lo), hi);
            }
        }
    }
}

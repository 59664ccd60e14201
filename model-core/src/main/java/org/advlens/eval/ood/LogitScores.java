package org.advlens.eval.ood;

/**
 * Out-of-distribution scores computed from one image's logits alone, each higher for inputs that look more
 * in-distribution, in double precision.
 */
public final class LogitScores {

    private LogitScores() {
    }

    /**
     * Maximum softmax probability (Hendrycks and Gimpel, "A Baseline for Detecting Misclassified and
     * Out-of-Distribution Examples in Neural Networks", ICLR 2017).
     */
    public static double maxSoftmax(float[] logits) {
        return maxSoftmax(logits, 1);
    }

    /** The maximum of {@code softmax(z / temperature)}: MSP at temperature 1, ODIN's score after its perturbation. */
    public static double maxSoftmax(float[] logits, double temperature) {
        checkTemperature(temperature);
        double max = max(logits);
        double sum = 0;
        for (float z : logits) {
            sum += Math.exp((z - max) / temperature);
        }
        return 1 / sum;
    }

    /**
     * The largest logit (Hendrycks, Basart, Mazeika, Zou, Kwon, Mostajabi, Steinhardt and Song, "Scaling
     * Out-of-Distribution Detection for Real-World Settings", ICML 2022).
     */
    public static double maxLogit(float[] logits) {
        return max(logits);
    }

    /**
     * The negative free energy {@code -E(x; T) = T log sum_k exp(z_k / T)} (Liu, Wang, Owens and Li, "Energy-based
     * Out-of-distribution Detection", NeurIPS 2020).
     */
    public static double negativeEnergy(float[] logits, double temperature) {
        checkTemperature(temperature);
        double max = max(logits);
        double sum = 0;
        for (float z : logits) {
            sum += Math.exp((z - max) / temperature);
        }
        return max + temperature * Math.log(sum);
    }

    static void checkTemperature(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
    }

    private static double max(float[] logits) {
        if (logits == null || logits.length == 0) {
            throw new IllegalArgumentException("no logits");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        return max;
    }
}

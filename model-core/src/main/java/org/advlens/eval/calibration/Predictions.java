package org.advlens.eval.calibration;

import java.util.Arrays;

/**
 * A classifier's logits on labelled examples, the input of the calibration measures: row {@code i} holds the
 * logits of example {@code i}, whose true class is {@code labels[i]}.
 *
 * @param logits {@code n} rows of {@code classes} logits
 * @param labels {@code n} labels in {@code [0, classes)}
 */
public record Predictions(double[][] logits, int[] labels) {

    public Predictions {
        if (logits == null || labels == null || logits.length != labels.length) {
            throw new IllegalArgumentException("need one label per row of logits, got "
                    + (logits == null ? 0 : logits.length) + " rows and " + (labels == null ? 0 : labels.length)
                    + " labels");
        }
        if (logits.length == 0) {
            throw new IllegalArgumentException("no predictions");
        }
        int k = logits[0].length;
        if (k < 2) {
            throw new IllegalArgumentException("need at least two classes, got " + k);
        }
        double[][] copy = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            if (logits[i].length != k) {
                throw new IllegalArgumentException("row " + i + " has " + logits[i].length + " logits, expected " + k);
            }
            for (double z : logits[i]) {
                if (!Double.isFinite(z)) {
                    throw new IllegalArgumentException("logits must be finite, got " + z + " in row " + i);
                }
            }
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " outside [0, " + k + ")");
            }
            copy[i] = logits[i].clone();
        }
        logits = copy;
        labels = labels.clone();
    }

    /** From float logits, as {@code org.advlens.model.Logits.rows} gives them. */
    public static Predictions of(float[][] logits, int[] labels) {
        double[][] z = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            z[i] = new double[logits[i].length];
            for (int k = 0; k < logits[i].length; k++) {
                z[i][k] = logits[i][k];
            }
        }
        return new Predictions(z, labels);
    }

    public int size() {
        return labels.length;
    }

    public int classes() {
        return logits[0].length;
    }

    /** The examples at {@code indices}, in that order. */
    public Predictions subset(int[] indices) {
        double[][] z = new double[indices.length][];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            z[i] = logits[indices[i]];
            y[i] = labels[indices[i]];
        }
        return new Predictions(z, y);
    }

    /** {@code softmax(z_i / temperature)}, in double precision. */
    public double[] probabilities(int i, double temperature) {
        double[] z = logits[i];
        double max = Arrays.stream(z).max().orElseThrow();
        double[] p = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp((z[k] - max) / temperature);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** {@code -log softmax(z_i / temperature)[labels_i]}, computed stably. */
    public double negativeLogLikelihood(int i, double temperature) {
        double[] z = logits[i];
        double max = Arrays.stream(z).max().orElseThrow();
        double sum = 0;
        for (double v : z) {
            sum += Math.exp((v - max) / temperature);
        }
        return Math.log(sum) - (z[labels[i]] - max) / temperature;
    }

    /** The predicted class of example {@code i} (the first largest logit). */
    public int predicted(int i) {
        double[] z = logits[i];
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    public int label(int i) {
        return labels[i];
    }

    @Override
    public double[][] logits() {
        double[][] copy = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            copy[i] = logits[i].clone();
        }
        return copy;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }
}

package org.advlens.eval.ood;

/**
 * The Mahalanobis confidence score (Lee, Lee, Lee and Shin, "A Simple Unified Framework for Detecting
 * Out-of-Distribution Samples and Adversarial Attacks", NeurIPS 2018): class-conditional Gaussians with one tied
 * covariance fitted on in-distribution features, and the score
 * {@code M(f) = max_c -(f - mu_c)^T Sigma^-1 (f - mu_c)}, higher for inputs that look in-distribution.
 *
 * <p>{@code mu_c} is the mean of class {@code c}'s features and {@code Sigma} the pooled maximum-likelihood
 * covariance {@code (1/N) sum_c sum_{i in c} (f_i - mu_c)(f_i - mu_c)^T} (what the reference code's
 * {@code sklearn.covariance.EmpiricalCovariance} fits). Before the Cholesky factorisation a ridge
 * {@code lambda = ridge * trace(Sigma) / d} is added to the diagonal, so that features with no variance (dead
 * ReLU units) leave the matrix invertible; the reference code takes a pseudo-inverse instead. The paper's input
 * pre-processing and its ensemble of layers are not used: one layer, no perturbation.
 */
public final class MahalanobisDetector {

    /** The relative ridge used when none is given: {@code 1e-6} of the mean variance. */
    public static final double DEFAULT_RIDGE = 1e-6;
    /** The largest feature dimension accepted (the covariance is {@code d x d} doubles). */
    public static final int MAX_DIMENSION = 4096;

    private final double[][] means; // [classes][d]
    private final double[][] cholesky; // lower-triangular L with L L^T = Sigma + lambda I
    private final double lambda;

    private MahalanobisDetector(double[][] means, double[][] cholesky, double lambda) {
        this.means = means;
        this.cholesky = cholesky;
        this.lambda = lambda;
    }

    /**
     * Fits class means and the tied covariance.
     *
     * @param features one row of {@code d} features per image
     * @param labels the images' classes in {@code [0, classes)}
     * @param classes the number of classes; every class needs at least one image
     * @param ridge the relative ridge, at least 0
     */
    public static MahalanobisDetector fit(float[][] features, int[] labels, int classes, double ridge) {
        if (features == null || labels == null || features.length == 0 || features.length != labels.length) {
            throw new IllegalArgumentException("need one label per feature row and at least one row, got "
                    + (features == null ? 0 : features.length) + " rows and "
                    + (labels == null ? 0 : labels.length) + " labels");
        }
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("ridge must be finite and at least 0, got " + ridge);
        }
        int d = features[0].length;
        if (d < 1 || d > MAX_DIMENSION) {
            throw new IllegalArgumentException("feature dimension must be in [1, " + MAX_DIMENSION + "], got " + d
                    + "; choose a smaller layer");
        }
        double[][] means = new double[classes][d];
        int[] counts = new int[classes];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("feature row " + i + " has " + features[i].length
                        + " values, expected " + d);
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " outside [0, " + classes + ")");
            }
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                means[labels[i]][j] += features[i][j];
            }
        }
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("class " + c + " has no fitting images; every class needs at"
                        + " least one");
            }
            for (int j = 0; j < d; j++) {
                means[c][j] /= counts[c];
            }
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (int i = 0; i < features.length; i++) {
            for (int j = 0; j < d; j++) {
                centred[j] = features[i][j] - means[labels[i]][j];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                if (ca == 0) {
                    continue;
                }
                double[] row = cov[a];
                for (int b = 0; b <= a; b++) {
                    row[b] += ca * centred[b];
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                cov[a][b] /= features.length;
                cov[b][a] = cov[a][b];
            }
            trace += cov[a][a];
        }
        double lambda = ridge * trace / d;
        for (int a = 0; a < d; a++) {
            cov[a][a] += lambda;
        }
        return new MahalanobisDetector(means, cholesky(cov), lambda);
    }

    /** The feature dimension. */
    public int dimension() {
        return means[0].length;
    }

    /** The ridge added to the covariance's diagonal. */
    public double lambda() {
        return lambda;
    }

    /** A copy of class {@code c}'s mean. */
    public double[] mean(int c) {
        return means[c].clone();
    }

    /** The squared Mahalanobis distance of {@code f} to class {@code c}'s mean. */
    public double squaredDistance(float[] f, int c) {
        int d = dimension();
        if (f.length != d) {
            throw new IllegalArgumentException("expected " + d + " features, got " + f.length);
        }
        double[] y = new double[d];
        for (int j = 0; j < d; j++) {
            y[j] = f[j] - means[c][j];
        }
        double sum = 0;
        for (int j = 0; j < d; j++) { // forward substitution L v = f - mu
            double s = y[j];
            double[] row = cholesky[j];
            for (int k = 0; k < j; k++) {
                s -= row[k] * y[k];
            }
            y[j] = s / row[j];
            sum += y[j] * y[j];
        }
        return sum;
    }

    /** The confidence score {@code max_c -squaredDistance(f, c)}. */
    public double score(float[] f) {
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < means.length; c++) {
            best = Math.max(best, -squaredDistance(f, c));
        }
        return best;
    }

    private static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][];
        for (int i = 0; i < d; i++) {
            l[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("the feature covariance is singular (pivot " + s
                                + " at feature " + i + "); give a positive ridge");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    @Override
    public String toString() {
        return "MahalanobisDetector[" + means.length + " classes, d=" + dimension() + ", lambda=" + lambda + "]";
    }
}

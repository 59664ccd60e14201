package org.advlens.attack;

import org.advlens.data.Images;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * L0, L2 and L-inf norms of perturbations, measured per example in double precision.
 *
 * @param l0 number of values that changed by more than the tolerance
 */
public record PerturbationNorms(double[] l0, double[] l2, double[] linf) {

    public static PerturbationNorms of(INDArray clean, INDArray adversarial, double tolerance) {
        int n = (int) clean.size(0);
        float[] a = clean.dup('c').data().asFloat();
        float[] b = adversarial.dup('c').data().asFloat();
        return of(a, b, n, tolerance);
    }

    public static PerturbationNorms of(Images clean, Images adversarial, double tolerance) {
        return of(clean.pixels(), adversarial.pixels(), clean.count(), tolerance);
    }

    private static PerturbationNorms of(float[] a, float[] b, int n, double tolerance) {
        int size = n == 0 ? 0 : a.length / n;
        double[] l0 = new double[n];
        double[] l2 = new double[n];
        double[] linf = new double[n];
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = i * size; j < (i + 1) * size; j++) {
                double d = (double) b[j] - a[j];
                double abs = Math.abs(d);
                sq += d * d;
                linf[i] = Math.max(linf[i], abs);
                l0[i] += abs > tolerance ? 1 : 0;
            }
            l2[i] = Math.sqrt(sq);
        }
        return new PerturbationNorms(l0, l2, linf);
    }
}

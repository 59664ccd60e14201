package org.advlens.eval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Temperature scaling recovers a known temperature and lowers the NLL of an over-confident model. */
class TemperatureScalingTest {

    /** Logits of a calibrated model: z ~ N(0, 2^2) per class and the label drawn from softmax(z), then times scale. */
    private static Predictions synthetic(int n, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] z = new double[n][5];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double[] p = new double[5];
            for (int k = 0; k < 5; k++) {
                z[i][k] = 2 * r.nextGaussian();
                p[k] = Math.exp(z[i][k]);
                sum += p[k];
            }
            double u = r.nextDouble() * sum;
            int label = 0;
            while (label < 4 && (u -= p[label]) > 0) {
                label++;
            }
            y[i] = label;
            for (int k = 0; k < 5; k++) {
                z[i][k] *= scale;
            }
        }
        return new Predictions(z, y);
    }

    @Test
    void recoversTheTemperatureOfLogitsScaledByThree() {
        // given a calibrated model's logits multiplied by 3 (over-confident)
        Predictions p = synthetic(20_000, 3, 1);
        // when fitted
        TemperatureScaling.Fit fit = TemperatureScaling.fit(p);
        // then T is about 3 and the NLL falls
        assertEquals(3, fit.temperature(), 0.15);
        assertTrue(fit.nllAfter() < fit.nllBefore() - 0.1, fit.toString());
        assertEquals(TemperatureScaling.nll(p, fit.temperature()), fit.nllAfter(), 1e-12);
        // and the ECE on fresh data from the same model falls too
        Predictions fresh = synthetic(20_000, 3, 2);
        assertTrue(CalibrationReport.of(fresh, fit.temperature(), 15).ece() < CalibrationReport.of(fresh, 1, 15).ece());
    }

    @Test
    void fittedTemperatureIsTheNllMinimum() {
        Predictions p = synthetic(2_000, 0.5, 3);
        double t = TemperatureScaling.fit(p).temperature();
        // an under-confident model gets T < 1, and nearby temperatures do no better
        assertTrue(t < 1, "T " + t);
        double best = TemperatureScaling.nll(p, t);
        assertTrue(TemperatureScaling.nll(p, t * 1.01) >= best);
        assertTrue(TemperatureScaling.nll(p, t / 1.01) >= best);
    }
}

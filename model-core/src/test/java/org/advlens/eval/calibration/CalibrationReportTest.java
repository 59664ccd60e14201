package org.advlens.eval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ECE, MCE, NLL and Brier score on hand-made and synthetic predictors whose answers are known. */
class CalibrationReportTest {

    private static final double[] CONFIDENCE = {0.95, 0.85, 0.82, 0.55, 0.52};
    private static final boolean[] CORRECT = {true, false, true, true, false};

    @Test
    void handMadeEqualWidthBins() {
        // bins of 0.1: (0.9, 1] holds 0.95 (right), (0.8, 0.9] holds 0.85 and 0.82 (one right), (0.5, 0.6] holds
        // 0.55 and 0.52 (one right): gaps 0.05, 0.335 and 0.035
        List<ReliabilityBin> bins = CalibrationReport.equalWidthBins(CONFIDENCE, CORRECT, 10);
        assertEquals(10, bins.size());
        assertEquals(2, bins.get(8).count());
        assertEquals(0.835, bins.get(8).confidence(), 1e-12);
        assertEquals(0.5, bins.get(8).accuracy(), 1e-12);
        assertEquals(0, bins.get(0).count());
        assertEquals((0.05 + 2 * 0.335 + 2 * 0.035) / 5, CalibrationReport.expectedError(bins, 5), 1e-12);
    }

    @Test
    void handMadeEqualMassBins() {
        // two bins of floor(5/2) = 2 and 3 predictions in order of confidence: {0.52, 0.55} (one right) and
        // {0.82, 0.85, 0.95} (two right)
        List<ReliabilityBin> bins = CalibrationReport.equalMassBins(CONFIDENCE, CORRECT, 2);
        assertEquals(2, bins.size());
        assertEquals(2, bins.get(0).count());
        assertEquals(0.55, bins.get(0).upper(), 1e-12);
        double gap1 = Math.abs(2 / 3.0 - (0.82 + 0.85 + 0.95) / 3);
        assertEquals((2 * 0.035 + 3 * gap1) / 5, CalibrationReport.expectedError(bins, 5), 1e-12);
    }

    @Test
    void nllBrierAndMceOnTwoExamples() {
        // logits (0, ln 3): p = (1/4, 3/4); label 1 then label 0
        double ln3 = Math.log(3);
        Predictions p = new Predictions(new double[][] {{0, ln3}, {0, ln3}}, new int[] {1, 0});
        CalibrationReport r = CalibrationReport.of(p, 1, 4);
        assertEquals((-Math.log(0.75) - Math.log(0.25)) / 2, r.nll(), 1e-12);
        // Brier: (1/16 + 1/16) and (9/16 + 9/16)
        assertEquals((2 / 16.0 + 18 / 16.0) / 2, r.brier(), 1e-12);
        assertEquals(0.5, r.accuracy());
        // both in bin (0.5, 0.75]: confidence 0.75, accuracy 0.5
        assertEquals(0.25, r.ece(), 1e-12);
        assertEquals(0.25, r.mce(), 1e-12);
        // four equal-mass bins for two predictions give each its own bin: gaps 0.25 and 0.75
        assertEquals(0.5, r.eceEqualMass(), 1e-12);
        assertEquals(0.25, CalibrationReport.of(p, 1, 1).eceEqualMass(), 1e-12);
    }

    @Test
    void perfectlyCalibratedPredictorHasNearZeroEce() {
        // given a two-class predictor with confidence c ~ U(0.5, 1) that is right with probability exactly c
        SplittableRandom r = new SplittableRandom(42);
        int n = 200_000;
        double[][] z = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double c = 0.5 + 0.5 * r.nextDouble();
            z[i] = new double[] {Math.log(c), Math.log(1 - c)};
            y[i] = r.nextDouble() < c ? 0 : 1;
        }
        CalibrationReport report = CalibrationReport.of(new Predictions(z, y), 1, 15);
        // then both ECEs are of the order of the sampling error (about 0.002 here)
        assertTrue(report.ece() < 0.01, "ECE " + report.ece());
        assertTrue(report.eceEqualMass() < 0.01, "equal-mass ECE " + report.eceEqualMass());
        // while the same predictor made over-confident (logits doubled) is not calibrated
        assertTrue(CalibrationReport.of(new Predictions(z, y), 0.5, 15).ece() > 0.05);
    }

    @Test
    void invalidSettingsAreRejected() {
        Predictions p = new Predictions(new double[][] {{0, 1}}, new int[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalibrationReport.of(p, 1, 0));
        assertTrue(e.getMessage().contains("bins must be in [1, 10000], got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CalibrationReport.of(p, 0, 10));
        assertTrue(e.getMessage().contains("temperature must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Predictions(new double[][] {{0, 1}}, new int[] {2}));
        assertTrue(e.getMessage().contains("label 2 of row 0 outside [0, 2)"), e.getMessage());
    }
}

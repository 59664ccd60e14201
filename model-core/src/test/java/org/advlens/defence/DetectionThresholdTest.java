package org.advlens.defence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Thresholds chosen at a false-positive rate on a known list of clean scores. */
class DetectionThresholdTest {

    // 0.1 .. 1.0, shuffled
    private static final double[] CLEAN = {0.5, 0.2, 1.0, 0.7, 0.1, 0.9, 0.3, 0.8, 0.6, 0.4};

    @Test
    void twentyPercentOfTenLeavesTwoScoresAbove() {
        DetectionThreshold t = DetectionThreshold.atFalsePositiveRate(CLEAN, 0.2);
        assertEquals(0.8, t.value());
        assertEquals(0.2, t.falsePositiveRate(), 1e-12);
        assertEquals(10, t.cleanCount());
        assertTrue(t.flags(0.81));
        assertFalse(t.flags(0.8));
    }

    @Test
    void aRateBetweenWholeCountsRoundsDownSoTheRealisedRateIsNeverAbove() {
        DetectionThreshold quarter = DetectionThreshold.atFalsePositiveRate(CLEAN, 0.25);
        assertEquals(0.8, quarter.value());
        assertEquals(0.2, quarter.falsePositiveRate(), 1e-12);
        DetectionThreshold five = DetectionThreshold.atFalsePositiveRate(CLEAN, DetectionThreshold.DEFAULT_FPR);
        assertEquals(1.0, five.value());
        assertEquals(0.0, five.falsePositiveRate());
    }

    @Test
    void tiedScoresNeverRaiseTheRealisedRate() {
        double[] tied = {0.1, 0.5, 0.5, 0.5, 0.5};
        DetectionThreshold t = DetectionThreshold.atFalsePositiveRate(tied, 0.2);
        assertEquals(0.5, t.value());
        assertEquals(0.0, t.falsePositiveRate());
    }

    @Test
    void detectionRateCountsScoresStrictlyAbove() {
        DetectionThreshold t = DetectionThreshold.atFalsePositiveRate(CLEAN, 0.2);
        assertEquals(0.75, t.detectionRate(new double[] {0.5, 0.85, 0.95, 1.2}));
        assertEquals(0.0, t.detectionRate(new double[0]));
    }

    @Test
    void invalidRatesAndScoresAreRejected() {
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DetectionThreshold.atFalsePositiveRate(CLEAN, bad));
            assertEquals("false-positive rate must be in (0, 1), got " + bad, e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DetectionThreshold.atFalsePositiveRate(new double[0], 0.05));
        assertThrows(IllegalArgumentException.class,
                () -> DetectionThreshold.atFalsePositiveRate(new double[] {0.1, Double.NaN}, 0.05));
    }
}

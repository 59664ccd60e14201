package org.advlens.eval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The risk-coverage curve, AURC and coverage at a risk on a hand-made list. */
class SelectiveClassificationTest {

    private static final double[] CONFIDENCE = {0.9, 0.8, 0.8, 0.6, 0.5};
    private static final boolean[] CORRECT = {true, false, true, true, false};

    @Test
    void handMadeCurveAndArea() {
        SelectiveClassification s = SelectiveClassification.of(CONFIDENCE, CORRECT, 0.3);
        // thresholds 0.9, 0.8 (two tied, one wrong), 0.6, 0.5 (wrong)
        assertEquals(List.of(new SelectiveClassification.Point(0.2, 0, 0.9),
                new SelectiveClassification.Point(0.6, 1 / 3.0, 0.8),
                new SelectiveClassification.Point(0.8, 0.25, 0.6),
                new SelectiveClassification.Point(1, 0.4, 0.5)), s.curve());
        // AURC = (0 * 1 + 1/3 * 2 + 1/4 * 1 + 2/5 * 1) / 5
        assertEquals((2 / 3.0 + 0.25 + 0.4) / 5, s.aurc(), 1e-12);
        // the oracle answers the three right ones first: risks 1/4 and 2/5 at k = 4, 5
        assertEquals(s.aurc() - (0.25 + 0.4) / 5, s.eAurc(), 1e-12);
        // risk at most 0.3 up to coverage 0.8 (threshold 0.6)
        assertEquals(0.8, s.coverageAtRisk(), 1e-12);
        assertEquals(0.6, s.thresholdAtRisk());
        // at risk 0 only the most confident answer
        assertEquals(0.2, SelectiveClassification.of(CONFIDENCE, CORRECT, 0).coverageAtRisk(), 1e-12);
    }

    @Test
    void aPerfectRankingHasZeroExcessArea() {
        SelectiveClassification s = SelectiveClassification.of(new double[] {0.9, 0.8, 0.7, 0.2},
                new boolean[] {true, true, true, false}, 0.1);
        assertEquals(0, s.eAurc(), 1e-12);
        assertEquals(0.75, s.coverageAtRisk());
        assertTrue(s.aurc() > 0);
    }

    @Test
    void riskOutsideTheUnitIntervalIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SelectiveClassification.of(CONFIDENCE, CORRECT, 1.5));
        assertTrue(e.getMessage().contains("target risk must be in [0, 1], got 1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SelectiveClassification.of(CONFIDENCE, CORRECT, -0.1));
        assertThrows(IllegalArgumentException.class,
                () -> SelectiveClassification.of(new double[] {0.5}, new boolean[0], 0.1));
    }
}

package org.advlens.eval.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** AUROC, AUPR and FPR at 95% TPR on cases whose answers are known. */
class DetectionMetricsTest {

    @Test
    void identicalScoresGiveAnAurocOfOneHalf() {
        // given the same scores on both sides
        double[] s = new SplittableRandom(1).doubles(500).toArray();
        // when measured, then every pair is a tie or mirrored by another: exactly 0.5
        assertEquals(0.5, DetectionMetrics.of(s, s.clone()).auroc(), 1e-12);
    }

    @Test
    void scoresFromOneDistributionGiveAnAurocNearOneHalf() {
        SplittableRandom r = new SplittableRandom(7);
        double[] in = r.doubles(4000).toArray();
        double[] out = r.doubles(4000).toArray();
        // the standard error of the AUROC is about sqrt(1/12 (1/4000 + 1/4000)) = 0.0065
        assertEquals(0.5, DetectionMetrics.of(in, out).auroc(), 0.03);
    }

    @Test
    void disjointScoresAreSeparatedPerfectly() {
        double[] in = {2.0, 3.5, 2.2, 9.0};
        double[] out = {-1.0, 0.5, 1.9};
        DetectionMetrics m = DetectionMetrics.of(in, out);
        assertEquals(1.0, m.auroc());
        assertEquals(1.0, m.auprIn());
        assertEquals(1.0, m.auprOut());
        assertEquals(0.0, m.fprAt95Tpr());
        // and reversed, the worst
        assertEquals(0.0, DetectionMetrics.of(out, in).auroc());
    }

    @Test
    void handComputedCaseWithTies() {
        // given in = {0.9, 0.8, 0.8, 0.3} and out = {0.8, 0.5, 0.2}
        DetectionMetrics m = DetectionMetrics.of(new double[] {0.9, 0.8, 0.8, 0.3}, new double[] {0.8, 0.5, 0.2});
        // AUROC: of 12 pairs, 0.9 wins 3, each 0.8 wins 2 and ties 1 (2.5), 0.3 wins 1: 9/12
        assertEquals(0.75, m.auroc(), 1e-12);
        // ROC through the thresholds 0.9, 0.8, 0.5, 0.3, 0.2
        assertEquals(List.of(new DetectionMetrics.RocPoint(0, 0, Double.POSITIVE_INFINITY),
                new DetectionMetrics.RocPoint(0, 0.25, 0.9), new DetectionMetrics.RocPoint(1.0 / 3, 0.75, 0.8),
                new DetectionMetrics.RocPoint(2.0 / 3, 0.75, 0.5), new DetectionMetrics.RocPoint(2.0 / 3, 1, 0.3),
                new DetectionMetrics.RocPoint(1, 1, 0.2)), m.roc());
        // AP-in: 0.25 * 1/1 + 0.5 * 3/4 + 0.25 * 4/6
        assertEquals(0.25 + 0.375 + 0.25 * 4 / 6.0, m.auprIn(), 1e-12);
        // AP-out on negated scores: recall steps of 1/3 at precisions 1, 2/3, 1/2
        assertEquals((1 + 2 / 3.0 + 0.5) / 3, m.auprOut(), 1e-12);
        // 95% TPR is first reached at threshold 0.3, where 2 of 3 OOD scores pass
        assertEquals(2 / 3.0, m.fprAt95Tpr(), 1e-12);
        // the area under the drawn ROC curve equals the Mann-Whitney AUROC
        assertEquals(m.auroc(), trapezoid(m.roc()), 1e-12);
    }

    @Test
    void agreesWithScikitLearnOnScoresWithTies() {
        // Reference values computed with scikit-learn 1.2.1 (Debian python3-sklearn):
        //   y = [1]*60 + [0]*45; s = ins + outs
        //   roc_auc_score(y, s), average_precision_score(y, s), average_precision_score(1 - y, -s),
        //   fpr[argmax(tpr >= 0.95)] of roc_curve(y, s, drop_intermediate=False)
        double[] in = new double[60];
        double[] out = new double[45];
        for (int i = 0; i < in.length; i++) {
            in[i] = (i * 37 % 101) / 20.0;
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = (j * 53 % 89) / 25.0;
        }
        DetectionMetrics m = DetectionMetrics.of(in, out);
        assertEquals(0.6522222222222224, m.auroc(), 1e-12);
        assertEquals(0.7709134442917659, m.auprIn(), 1e-12);
        assertEquals(0.5325004716104554, m.auprOut(), 1e-12);
        assertEquals(0.9111111111111111, m.fprAt95Tpr(), 1e-12);
    }

    @Test
    void rocCornersKeepTheCurvesShape() {
        SplittableRandom r = new SplittableRandom(3);
        DetectionMetrics m = DetectionMetrics.of(r.doubles(300).map(v -> v + 0.3).toArray(), r.doubles(300).toArray());
        List<DetectionMetrics.RocPoint> corners = m.rocCorners();
        assertTrue(corners.size() < m.roc().size(), corners.size() + " of " + m.roc().size());
        assertEquals(trapezoid(m.roc()), trapezoid(corners), 1e-12);
    }

    @Test
    void histogramCountsBothSetsInSharedBins() {
        ScoreHistogram h = ScoreHistogram.of(new double[] {0, 0.1, 0.9}, new double[] {1, 0.5}, 2);
        assertEquals(0, h.edges()[0]);
        assertEquals(1, h.edges()[2]);
        assertEquals(2, h.inCounts()[0]);
        assertEquals(1, h.inCounts()[1]);
        assertEquals(0, h.outCounts()[0]);
        assertEquals(2, h.outCounts()[1]);
        assertThrows(IllegalArgumentException.class, () -> ScoreHistogram.of(new double[] {1}, new double[] {2}, 0));
    }

    @Test
    void emptyOrNonFiniteScoresAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DetectionMetrics.of(new double[0], new double[] {1}));
        assertTrue(e.getMessage().contains("no in-distribution scores"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DetectionMetrics.of(new double[] {1}, new double[] {Double.NaN}));
        assertTrue(e.getMessage().contains("out-of-distribution scores must be finite"), e.getMessage());
    }

    private static double trapezoid(List<DetectionMetrics.RocPoint> roc) {
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            area += (roc.get(i).fpr() - roc.get(i - 1).fpr()) * (roc.get(i).tpr() + roc.get(i - 1).tpr()) / 2;
        }
        return area;
    }
}

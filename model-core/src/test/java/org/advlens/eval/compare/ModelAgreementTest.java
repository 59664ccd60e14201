package org.advlens.eval.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.data.LabelledDataset;
import org.advlens.job.Jobs;
import org.advlens.model.ModelInfo;
import org.advlens.report.ComparisonJson;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

/** Agreement and Cohen's kappa worked out by hand, and on linear models whose predictions are known. */
class ModelAgreementTest {

    private static final ModelInfo INFO = CompareFixtures.linear(CompareFixtures.weights(3, 1)).info();

    @Test
    void kappaByHand() {
        // p_o = 3/4; class frequencies (1/2, 1/2) and (1/4, 3/4) give p_e = 1/8 + 3/8 = 1/2; kappa = 1/4 / 1/2.
        ModelAgreement.Result r = new ModelAgreement.Result(INFO, INFO, new int[] {0, 0, 1, 1},
                new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1}, 2);
        assertEquals(0.75, r.agreementRate(), 1e-12);
        assertEquals(0.5, r.kappa(), 1e-12);
        assertArrayEquals(new int[] {1}, r.disagreements());
        assertArrayEquals(new int[] {3, 1, 0, 0}, r.outcomes());
        assertEquals(1.0, r.firstAccuracy());
        assertEquals(0.75, r.secondAccuracy());
    }

    @Test
    void kappaAgreesWithScikitLearn() {
        // sklearn.metrics.cohen_kappa_score([0,1,2,2,1,0,2,1,0,2], [0,2,2,2,1,1,2,0,0,1]) = 0.3939393939393939 (scikit-learn 1.2.1)
        ModelAgreement.Result r = new ModelAgreement.Result(INFO, INFO, new int[10],
                new int[] {0, 1, 2, 2, 1, 0, 2, 1, 0, 2}, new int[] {0, 2, 2, 2, 1, 1, 2, 0, 0, 1}, 3);
        assertEquals(0.3939393939393939, r.kappa(), 1e-12);
        assertEquals(0.6, r.agreementRate(), 1e-12);
    }

    @Test
    void aModelAgreesWithItsCopyAndNeverWithItsReverse() throws Exception {
        float[][] w = CompareFixtures.weights(2, 31);
        LinearClassifier original = CompareFixtures.linear(w);
        LinearClassifier copy = CompareFixtures.linear(CompareFixtures.weights(2, 31));
        LinearClassifier reversed = CompareFixtures.linear(new float[][] {w[1], w[0]});
        LabelledDataset data = CompareFixtures.data(15, original, 9);

        ModelAgreement.Result same = Jobs.runNow(new ModelAgreement(original, copy, data, 4));
        assertEquals(1.0, same.agreementRate());
        assertEquals(1.0, same.kappa(), 1e-12);
        assertEquals(0, same.disagreements().length);

        ModelAgreement.Result opposite = Jobs.runNow(new ModelAgreement(original, reversed, data, 4));
        assertEquals(0.0, opposite.agreementRate());
        assertEquals(15, opposite.disagreements().length);
        assertArrayEquals(new int[] {0, 15, 0, 0}, opposite.outcomes());
        assertTrue(opposite.kappa() < 0, "worse than chance: " + opposite.kappa());
    }

    @Test
    void theJsonListsTheDisagreements() throws Exception {
        ModelAgreement.Result r = new ModelAgreement.Result(INFO, INFO, new int[] {0, 0, 1, 1},
                new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1}, 2);
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ComparisonJson.agreement(r, "d", "s"));
        assertEquals(0.5, root.get("kappa").asDouble(), 1e-12);
        assertEquals(1, root.get("disagreements").get(0).get("index").asInt());
        assertEquals(1, root.get("disagreements").get(0).get("second").asInt());
        assertEquals(1, root.get("outcomes").get("only_first_correct").asInt());
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        var cls = assertThrows(IllegalArgumentException.class, () -> new ModelAgreement.Result(INFO, INFO,
                new int[] {0}, new int[] {2}, new int[] {0}, 2));
        assertTrue(cls.getMessage().contains("got 2"), cls.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelAgreement.Result(INFO, INFO, new int[] {0, 1},
                new int[] {0}, new int[] {0, 1}, 2));
        LinearClassifier a = CompareFixtures.linear(CompareFixtures.weights(3, 1));
        LinearClassifier two = CompareFixtures.linear(CompareFixtures.weights(2, 1));
        LabelledDataset data = CompareFixtures.data(4, a, 1);
        var classes = assertThrows(IllegalArgumentException.class, () -> new ModelAgreement(a, two, data, 4));
        assertTrue(classes.getMessage().contains("same input and classes"), classes.getMessage());
        var batch = assertThrows(IllegalArgumentException.class, () -> new ModelAgreement(a, a, data, 0));
        assertTrue(batch.getMessage().contains("got 0"), batch.getMessage());
    }
}

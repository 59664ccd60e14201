package org.advlens.defence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.attack.Norm;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.Test;

/**
 * Feature squeezing on the bundled standard model, evaluated honestly on a few images: the detector catches plain
 * PGD far more often than the adaptive attack, and the squeezed wrapper that resists plain PGD falls to BPDA-PGD.
 */
class DefenceEvaluationTest {

    @Test
    void theAdaptiveAttackEvadesTheDetectorThatCatchesPlainPgd() throws Exception {
        LabelledDataset data = Datasets.bundledEvaluation().limit(24);
        try (Classifier model = ModelLoader.bundledDefault()) {
            FeatureSqueezing fs = new FeatureSqueezing(model, List.of(new BitDepthReduction(3), new MedianFilter(3)));
            DefenceReport r = new DefenceEvaluation(fs, data, new DefenceEvaluation.Options(Norm.LINF, 0.1, 0.1, 20,
                    1, 24, 5L)).run(ProgressListener.NONE, CancellationToken.create());
            assertEquals(24, r.size());
            assertTrue(r.threshold().falsePositiveRate() <= 0.1);
            assertTrue(r.plain().successRate() > 0.9, r.plain().toString());
            // plain PGD is caught about a third of the time; the adaptive attack fools the model unseen
            assertTrue(r.plain().detectionRate() > r.adaptive().detectionRate() + 0.2, r.toString());
            assertTrue(r.adaptive().undetectedSuccessRate() > 0.9, r.toString());
            assertTrue(r.adaptive().undetectedSuccessRate() > r.plain().undetectedSuccessRate(), r.toString());
            assertTrue(r.wrapperPgdAccuracy() > r.wrapperBpdaAccuracy() + 0.3, r.toString());
        }
    }

    @Test
    void invalidOptionsNameTheValue() {
        assertEquals("false-positive rate must be in (0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> DefenceEvaluation.Options.of(0.1).withFalsePositiveRate(1)).getMessage());
        assertEquals("epsilon must be positive and finite, got -0.1", assertThrows(IllegalArgumentException.class,
                () -> DefenceEvaluation.Options.of(-0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DefenceEvaluation.Options.of(0.1).withSteps(0));
    }
}

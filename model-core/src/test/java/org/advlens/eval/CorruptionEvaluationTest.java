package org.advlens.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.advlens.corruption.Corruption;
import org.advlens.corruption.CorruptionOptions;
import org.advlens.corruption.Perturbation;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.ProgressListener;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

/** mCE and flip-probability arithmetic on hand-made tables, and the evaluation on a threshold classifier. */
class CorruptionEvaluationTest {

    private static final InputSpec SPEC = new InputSpec(1, 4, 4, ChannelOrder.NCHW, 0, 1, null, null);

    /** Class 1 when the mean pixel exceeds {@code threshold}: {@code z1 - z0 = 10 (mean - threshold)}. */
    private static LinearClassifier threshold(double threshold) {
        float[] w = new float[16];
        Arrays.fill(w, 10f / 16);
        return new LinearClassifier(SPEC, new float[][] {new float[16], w}, new float[] {0, (float) (-10 * threshold)});
    }

    /** Two dark images (0.15, class 0), one bright (0.8, class 1), one bright mislabelled as class 0. */
    private static LabelledDataset data() {
        float[] px = new float[4 * 16];
        float[] level = {0.15f, 0.15f, 0.8f, 0.8f};
        for (int i = 0; i < 4; i++) {
            Arrays.fill(px, i * 16, (i + 1) * 16, level[i]);
        }
        return new LabelledDataset("levels", "test", new Images(px, 4, 1, 4, 4), new int[] {0, 0, 1, 0},
                List.of("dark", "bright"));
    }

    @Test
    void corruptionErrorsFollowThePaperOnAHandMadeTable() {
        // given errors over five severities for a model and a baseline, clean errors 0.1 and 0.2
        double[] model = {0.2, 0.3, 0.4, 0.5, 0.6};
        double[] base = {0.3, 0.4, 0.5, 0.6, 0.7};
        // then CE = 2.0 / 2.5 and relative CE = (2.0 - 0.5) / (2.5 - 1.0)
        assertEquals(0.8, CorruptionErrors.corruptionError(model, base), 1e-12);
        assertEquals(1.0, CorruptionErrors.relativeCorruptionError(model, 0.1, base, 0.2), 1e-12);
        // and undefined ratios are NaN and left out of means
        assertTrue(Double.isNaN(CorruptionErrors.corruptionError(model, new double[5])));
        assertEquals(1.5, CorruptionErrors.meanOfDefined(new double[] {1, Double.NaN, 2}), 1e-12);
        assertTrue(Double.isNaN(CorruptionErrors.meanOfDefined(new double[] {Double.NaN})));
        assertThrows(IllegalArgumentException.class, () -> CorruptionErrors.corruptionError(model, new double[4]));
    }

    @Test
    void flipProbabilityCountsChangesAlongASequenceOrAgainstTheFirstFrame() {
        // given two sequences of predictions
        int[][] p = {{1, 1, 2, 2, 1}, {0, 0, 0, 0, 0}};
        // then consecutive flips are 2 of 8 pairs, flips against the first frame 2 of 8 frames
        assertEquals(2.0 / 8, FlipProbability.of(p, false), 1e-12);
        assertEquals(2.0 / 8, FlipProbability.of(p, true), 1e-12);
        int[][] q = {{3, 1, 1, 1}};
        assertEquals(1.0 / 3, FlipProbability.of(q, false), 1e-12);
        assertEquals(3.0 / 3, FlipProbability.of(q, true), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FlipProbability.of(new int[][] {{1}}, false));
        assertThrows(IllegalArgumentException.class, () -> FlipProbability.of(new int[][] {{1, 2}, {1}}, false));
    }

    @Test
    void brightnessErrorsAndCorruptionErrorsOfAThresholdClassifier() throws Exception {
        // given a classifier at 0.5, a baseline at 0.6, and brightness adding 0.1 .. 0.5
        CorruptionEvaluation.Options o = new CorruptionEvaluation.Options(List.of(Corruption.BRIGHTNESS),
                new int[] {1, 2, 3, 4, 5}, 0, 3, Double.NaN);
        // when evaluated against the baseline model
        CorruptionEvaluation.Result r = new CorruptionEvaluation(threshold(0.5), threshold(0.6), data(), o)
                .run(ProgressListener.NONE, new CancellationToken());
        // then the dark images flip from severity 4 (0.55) for the model and 5 (0.65) for the baseline
        CorruptionEvaluation.Row row = r.rows().get(0);
        assertEquals(0.25, r.cleanError(), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.75, 0.75}, row.errors(), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25, 0.75}, row.baselineErrors(), 1e-12);
        assertEquals(2.25 / 1.75, row.corruptionError(), 1e-12);
        assertEquals(1.0 / 0.5, row.relativeCorruptionError(), 1e-12);
        assertEquals(2.25 / 1.75, r.meanCorruptionError(), 1e-12);
        assertTrue(Double.isNaN(r.extraMeanCorruptionError()));

        // when evaluated against itself at severity 0
        CorruptionEvaluation.Result self = new CorruptionEvaluation(threshold(0.5), null, data(), o)
                .run(ProgressListener.NONE, new CancellationToken());
        // then CE is the mean error over the clean error, and relative CE is undefined
        assertNull(self.baselineName());
        assertEquals(2.25 / 1.25, self.rows().get(0).corruptionError(), 1e-12);
        assertTrue(Double.isNaN(self.relativeMeanCorruptionError()));
    }

    @Test
    void cancellationStopsTheEvaluation() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        CorruptionEvaluation job = new CorruptionEvaluation(threshold(0.5), null, data(),
                CorruptionEvaluation.Options.all(0));
        assertThrows(CancelledException.class, () -> job.run(ProgressListener.NONE, token));
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CorruptionEvaluation.Options(List.of(),
                new int[] {1}, 0, 10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new CorruptionEvaluation.Options(
                List.of(Corruption.FOG), new int[] {6}, 0, 10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new CorruptionEvaluation.Options(
                List.of(Corruption.FOG), new int[] {2, 2}, 0, 10, Double.NaN));
    }

    @Test
    void perturbationSequencesStartCleanAndFlipsAreCountedPerType() throws Exception {
        // given a dark image
        Images dark = data().images().image(0);
        CorruptionOptions co = CorruptionOptions.forInput(SPEC);
        // when its brightness sequence of 6 frames is made
        Images frames = Perturbation.BRIGHTNESS.frames(dark, 6, 0, co);
        // then frame 0 is the image and the last is 0.3 brighter
        assertArrayEquals(dark.pixels(), frames.image(0).pixels());
        assertEquals(0.45f, frames.get(5, 0, 1, 1), 1e-6);
        // and the threshold classifier at 0.5 never flips on it, at 0.3 flips once (at 0.33)
        PerturbationEvaluation.Options o = new PerturbationEvaluation.Options(List.of(Perturbation.BRIGHTNESS), 6, 0,
                Double.NaN);
        LabelledDataset one = data().slice(0, 1, "dark");
        PerturbationEvaluation.Result r = new PerturbationEvaluation(threshold(0.5), threshold(0.3), one, o)
                .run(ProgressListener.NONE, new CancellationToken());
        assertEquals(0, r.rows().get(0).flipProbability(), 1e-12);
        assertEquals(1.0 / 5, r.rows().get(0).baselineFlipProbability(), 1e-12);
        assertEquals(0, r.meanFlipRate(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Perturbation.parse("shear"));
        assertTrue(e.getMessage().contains("unknown perturbation 'shear'"), e.getMessage());
    }
}

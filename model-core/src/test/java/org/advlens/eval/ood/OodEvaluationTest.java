package org.advlens.eval.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.data.Datasets;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.Jobs;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OOD evaluation on the bundled CNN: every score on two built-in sets, its features, and its bad input. */
class OodEvaluationTest {

    private static Classifier model;
    private static LabelledDataset fit;
    private static LabelledDataset test;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.bundledDefault();
        LabelledDataset all = Datasets.bundledEvaluation(model.inputSpec());
        fit = all.slice(0, 400, "fit");
        test = all.slice(400, 600, "test");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void penultimateFeaturesAreTheDenseLayer() {
        LayerFeatures f = LayerFeatures.of(model, null);
        float[][] rows = f.features(test.images().slice(0, 3));
        assertEquals(3, rows.length);
        assertEquals(128, rows[0].length, "the bundled CNN's penultimate layer is dense 128");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerFeatures.of(model, "no-such-layer"));
        assertTrue(e.getMessage().contains("no layer 'no-such-layer'") && e.getMessage().contains("(0)"),
                e.getMessage());
    }

    @Test
    void everyScoreOnTwoBuiltInSets() throws Exception {
        // given uniform noise and flipped images
        List<OodEvaluation.OodSet> sets = List.of(
                new OodEvaluation.OodSet("uniform", "built-in", BuiltInOodSet.UNIFORM.make(test.images(),
                        model.inputSpec(), 1)),
                new OodEvaluation.OodSet("flipped", "built-in", BuiltInOodSet.FLIPPED.make(test.images(),
                        model.inputSpec(), 1)));
        OodEvaluation.Options o = OodEvaluation.Options.defaults();
        // when evaluated
        OodEvaluation.Result r = Jobs.runNow(new OodEvaluation(model, test, sets, fit, o));
        // then there is one entry per score and set, the in-distribution accuracy, and the fitted layer
        assertEquals(10, r.entries().size());
        assertEquals(200, r.inCount());
        assertTrue(r.inAccuracy() > 0.8, "accuracy " + r.inAccuracy());
        assertEquals(400, r.fitCount());
        for (OodEvaluation.Entry e : r.entries()) {
            assertTrue(e.metrics().auroc() >= 0 && e.metrics().auroc() <= 1, e.toString());
            assertEquals(200, java.util.Arrays.stream(e.histogram().inCounts()).sum());
        }
        // uniform noise is told from clothing by the logit scores, and best by ODIN's
        double energy = r.entry(OodScore.ENERGY, "uniform").metrics().auroc();
        double odin = r.entry(OodScore.ODIN, "uniform").metrics().auroc();
        double msp = r.entry(OodScore.MSP, "uniform").metrics().auroc();
        assertTrue(energy > 0.9 && odin > msp, "AUROC energy " + energy + ", ODIN " + odin + ", MSP " + msp);
    }

    @Test
    void badInputIsRejectedClearly() {
        Images wrong = new Images(new float[2 * 32 * 32], 2, 1, 32, 32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OodEvaluation(model,
                test, List.of(new OodEvaluation.OodSet("big", "test", wrong)), null,
                new OodEvaluation.Options(List.of(OodScore.MSP), 1, Odin.Options.paper(), null, 0, 100, 10)));
        assertTrue(e.getMessage().contains("the OOD set big has images of 1x32x32 but the model takes 1x28x28"),
                e.getMessage());
        OodEvaluation.OodSet ok = new OodEvaluation.OodSet("u", "t", BuiltInOodSet.UNIFORM.make(test.images(),
                model.inputSpec(), 0));
        e = assertThrows(IllegalArgumentException.class, () -> new OodEvaluation(model, test, List.of(ok), null,
                OodEvaluation.Options.defaults()));
        assertTrue(e.getMessage().contains("Mahalanobis score needs labelled in-distribution training images"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OodScore.byId("entropy"));
        assertTrue(e.getMessage().contains("unknown OOD score 'entropy'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OodEvaluation.Options(List.of(), 1,
                Odin.Options.paper(), null, 0, 100, 10));
        assertTrue(e.getMessage().contains("at least one OOD score"), e.getMessage());
    }

    @Test
    void cancellationStopsTheRun() {
        OodEvaluation.OodSet ok = new OodEvaluation.OodSet("u", "t", BuiltInOodSet.UNIFORM.make(test.images(),
                model.inputSpec(), 0));
        CancellationToken token = CancellationToken.create();
        token.cancel();
        assertThrows(CancelledException.class, () -> new OodEvaluation(model, test, List.of(ok), null,
                new OodEvaluation.Options(List.of(OodScore.MSP), 1, Odin.Options.paper(), null, 0, 100, 10))
                .run(ProgressListener.NONE, token));
    }
}

package org.advlens.app.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.advlens.data.LabelledDataset;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;
import org.advlens.saliency.method.VanillaGradient;
import org.advlens.saliency.sanity.ParameterRandomizationCheck;
import org.advlens.saliency.sanity.Randomization;
import org.advlens.saliency.sanity.SanityCheckResult;
import org.advlens.saliency.similarity.SimilarityMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckSaliencySanityTest {

    private static Classifier model;
    private static LabelledDataset data;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.bundledDefault();
        data = BundledModel.firstImages(model, 2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void theParameterRandomizationTestComparesEachStepWithTheOriginalMaps() throws Exception {
        // given the gradient on two images, the top two layers randomised in cascade, seed 4
        SaliencyMethod gradient = new VanillaGradient(new VanillaGradient.Options(false, 8));
        ParameterRandomizationCheck.Options options = new ParameterRandomizationCheck.Options(
                Randomization.CASCADING, 4L, 2);
        // when the use case runs it for the true labels
        CheckSaliencySanity.Result r = Jobs.runNow(new CheckSaliencySanity(new CheckSaliencySanity.Request(model,
                data, Target.trueLabel(), List.of(gradient),
                new CheckSaliencySanity.ParameterRandomization(options))));
        // then the maps explain the labels, and it is the engine's check on those targets
        assertArrayEquals(data.labels(), r.targets());
        assertNull(r.dataRandomization());
        SanityCheckResult direct = new ParameterRandomizationCheck(model, data.images(), data.labels(),
                List.of(gradient), options).run((f, m) -> { }, org.advlens.job.CancellationToken.create());
        SanityCheckResult c = r.comparison();
        assertEquals(2, c.images());
        assertEquals(List.of(gradient.name()), c.methods());
        assertEquals(direct.steps(), c.steps());
        // the first step is the original model: its maps are identical to themselves
        assertEquals(1, c.mean(0, 0, SimilarityMetric.SPEARMAN_ABS), 1e-9);
        for (int s = 0; s < c.steps().size(); s++) {
            assertEquals(direct.mean(0, s, SimilarityMetric.SPEARMAN_ABS), c.mean(0, s, SimilarityMetric.SPEARMAN_ABS),
                    1e-9);
        }
    }

    @Test
    void aRequestNeedsMethodsAndATest() {
        SaliencyMethod gradient = new VanillaGradient(new VanillaGradient.Options(false, 8));
        assertThrows(IllegalArgumentException.class, () -> new CheckSaliencySanity.Request(model, data,
                Target.predicted(), List.of(), new CheckSaliencySanity.ParameterRandomization(
                        ParameterRandomizationCheck.Options.cascading())));
        assertThrows(IllegalArgumentException.class, () -> new CheckSaliencySanity.Request(model, data,
                Target.predicted(), List.of(gradient), null));
        assertThrows(IllegalArgumentException.class, () -> new CheckSaliencySanity.DataRandomization(null,
                org.advlens.saliency.sanity.DataRandomizationCheck.Options.defaults()));
    }
}

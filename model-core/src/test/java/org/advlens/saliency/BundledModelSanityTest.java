package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.saliency.method.GradCam;
import org.advlens.saliency.method.GuidedBackprop;
import org.advlens.saliency.method.VanillaGradient;
import org.advlens.saliency.sanity.ParameterRandomizationCheck;
import org.advlens.saliency.sanity.SanityCheckResult;
import org.advlens.saliency.similarity.SimilarityMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The qualitative finding of Adebayo et al. ("Sanity Checks for Saliency Maps", 2018) on the bundled Fashion-MNIST
 * CNN, under cascading randomization (output, dense, conv2, conv1) of 16 test images with their true labels:
 * the rank correlation of the vanilla gradient and of Grad-CAM with the original map falls to about zero as soon
 * as the top layers are re-initialised, while Guided Backprop's stays high while the top layers are randomised
 * and, even for the fully random network, stays well above the others (it mostly reconstructs the image).
 *
 * <p>Measured (seed 1): signed Spearman after output / +dense / +conv2 / +conv1 is 0.16 / -0.05 / 0.01 / 0.00
 * for the gradient, 0.19 / -0.07 / 0.10 / -0.12 for Grad-CAM, and 0.90 / 0.81 / 0.67 / 0.41 for Guided
 * Backprop; the same pattern holds for seeds 0 and 2, for the next 16 images and for predicted targets.
 */
class BundledModelSanityTest {

    private static final Logger LOG = LoggerFactory.getLogger(BundledModelSanityTest.class);

    private static Classifier model;
    private static SanityCheckResult result;

    @BeforeAll
    static void run() throws Exception {
        model = ModelLoader.bundledDefault();
        LabelledDataset data = Datasets.bundledEvaluation().limit(16);
        int[] targets = Target.trueLabel().resolve(model, data.images(), data.labels());
        result = Jobs.runNow(new ParameterRandomizationCheck(model, data.images(), targets,
                List.of(new VanillaGradient(), new GradCam(), new GuidedBackprop()),
                ParameterRandomizationCheck.Options.cascading().withSeed(1)));
        for (SimilarityMetric metric : List.of(SimilarityMetric.SPEARMAN_SIGNED, SimilarityMetric.SPEARMAN_ABS)) {
            result.curves(metric).forEach((m, c) -> LOG.info("{} {}: {}", metric.key(), m, format(c)));
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void cascadingRandomisationRunsFromTheOutputDown() {
        assertEquals(List.of("original", "output", "dense", "conv2", "conv1"), result.steps());
    }

    @Test
    void gradientAndGradCamRankCorrelationsFallTowardsZero() {
        double[] gradient = result.curve(result.methodIndex(VanillaGradient.NAME), SimilarityMetric.SPEARMAN_SIGNED);
        double[] gradCam = result.curve(result.methodIndex(GradCam.NAME), SimilarityMetric.SPEARMAN_SIGNED);
        int last = gradient.length - 1;
        for (int s = 1; s <= last; s++) {
            assertTrue(Math.abs(gradient[s]) < 0.25, "gradient at step " + s + ": " + format(gradient));
            assertTrue(gradCam[s] < 0.35, "Grad-CAM at step " + s + ": " + format(gradCam));
        }
        assertTrue(Math.abs(gradient[last]) < 0.1, "fully random gradient: " + format(gradient));
        assertTrue(Math.abs(gradCam[last]) < 0.25, "fully random Grad-CAM: " + format(gradCam));
    }

    @Test
    void guidedBackpropRankCorrelationStaysHigh() {
        double[] guided = result.curve(result.methodIndex(GuidedBackprop.NAME), SimilarityMetric.SPEARMAN_SIGNED);
        double[] guidedAbs = result.curve(result.methodIndex(GuidedBackprop.NAME), SimilarityMetric.SPEARMAN_ABS);
        double[] gradient = result.curve(result.methodIndex(VanillaGradient.NAME), SimilarityMetric.SPEARMAN_SIGNED);
        double[] gradientAbs = result.curve(result.methodIndex(VanillaGradient.NAME), SimilarityMetric.SPEARMAN_ABS);
        double[] gradCam = result.curve(result.methodIndex(GradCam.NAME), SimilarityMetric.SPEARMAN_SIGNED);
        // While the classifier layers (output, dense) are random, the map hardly changes.
        assertTrue(guided[1] > 0.7 && guided[2] > 0.7, "Guided Backprop, top layers random: " + format(guided));
        assertTrue(guided[3] > 0.5, "Guided Backprop, conv2 random too: " + format(guided));
        for (int s = 1; s < guided.length; s++) {
            assertTrue(guided[s] > Math.max(gradient[s], gradCam[s]) + 0.25, "step " + s + ": Guided Backprop "
                    + format(guided) + ", gradient " + format(gradient) + ", Grad-CAM " + format(gradCam));
            assertTrue(guidedAbs[s] > gradientAbs[s], "absolute maps at step " + s + ": " + format(guidedAbs)
                    + " vs " + format(gradientAbs));
        }
        assertTrue(guided[guided.length - 1] > 0.25, "fully random network: " + format(guided));
    }

    private static String format(double[] curve) {
        StringBuilder sb = new StringBuilder("[");
        for (double v : curve) {
            sb.append(String.format(Locale.ROOT, sb.length() > 1 ? ", %.3f" : "%.3f", v));
        }
        return sb.append(']').toString();
    }
}

package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.NetworkBacked;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.saliency.method.GradCam;
import org.advlens.saliency.method.GuidedBackprop;
import org.advlens.saliency.method.VanillaGradient;
import org.advlens.saliency.sanity.ModelRandomization;
import org.advlens.saliency.sanity.ParameterRandomizationCheck;
import org.advlens.saliency.sanity.Randomization;
import org.advlens.saliency.sanity.SanityCheckResult;
import org.advlens.saliency.similarity.SimilarityMetric;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Re-initialising layers and the model parameter randomization check, on a tiny CNN. */
class ParameterRandomizationTest {

    private final MultiLayerNetwork net = TinyNetworks.cnn(21);
    private final Dl4jClassifier model = TinyNetworks.classifier(net);
    private final Images images = TinyNetworks.images(3, 8);
    private final int[] targets = {1, 0, 2};

    @Test
    void layersWithParametersAreListedFromTheOutputDown() {
        List<ModelRandomization.RandomizableLayer> layers = ModelRandomization.topDown(model);
        List<String> names = layers.stream().map(ModelRandomization.RandomizableLayer::name).toList();
        assertEquals(List.of("output", "dense", "conv2", "conv1"), names);
        assertEquals(List.of(4, 3, 2, 0), layers.stream().map(ModelRandomization.RandomizableLayer::position).toList());
        assertEquals(net.getLayer(3).numParams(), layers.get(1).parameters());
    }

    @Test
    void randomisationChangesOnlyTheChosenLayersOfACopy() {
        INDArray before = net.params().dup();
        Classifier r = ModelRandomization.randomized(model, List.of(4, 2), 7);
        MultiLayerNetwork copy = (MultiLayerNetwork) ((NetworkBacked) r).network();
        assertEquals(before, net.params(), "the original must not change");
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i).numParams() == 0) {
                continue;
            }
            boolean same = net.getLayer(i).params().equals(copy.getLayer(i).params());
            assertEquals(i != 4 && i != 2, same, "layer " + i);
        }
        // Same seed, same values; the layer gets the same values whichever other layers are randomised.
        MultiLayerNetwork again = (MultiLayerNetwork) ((NetworkBacked) ModelRandomization.randomized(model,
                List.of(2), 7)).network();
        assertEquals(copy.getLayer(2).params(), again.getLayer(2).params());
        MultiLayerNetwork other = (MultiLayerNetwork) ((NetworkBacked) ModelRandomization.randomized(model,
                List.of(2), 8)).network();
        assertNotEquals(copy.getLayer(2).params(), other.getLayer(2).params());
        // Biases are re-initialised to the configured bias init (0).
        assertEquals(0, copy.getLayer(4).getParam("b").amaxNumber().doubleValue(), 0);
        assertThrows(IllegalArgumentException.class, () -> ModelRandomization.randomized(model, List.of(9), 1));
    }

    @Test
    void cascadingCheckRecomputesEveryMapAndComparesWithTheOriginal() throws Exception {
        List<SaliencyMethod> methods = List.of(new VanillaGradient(), new GradCam(), new GuidedBackprop());
        SanityCheckResult r = Jobs.runNow(new ParameterRandomizationCheck(model, images, targets, methods,
                ParameterRandomizationCheck.Options.cascading().withSeed(3)));
        assertEquals(List.of("original", "output", "dense", "conv2", "conv1"), r.steps());
        assertEquals(List.of("gradient", "gradcam", "guided-backprop"), r.methods());
        assertEquals(Randomization.CASCADING, r.randomization());
        for (int m = 0; m < methods.size(); m++) {
            SaliencyMap original = methods.get(m).attribute(model, images, targets, CancellationToken.create());
            assertArrayEquals(original.values(), r.map(m, 0).values(), 1e-6f);
            for (SimilarityMetric metric : SimilarityMetric.values()) {
                assertEquals(1, r.mean(m, 0, metric), 1e-9, metric + " of the original with itself");
                assertEquals(r.steps().size(), r.curve(m, metric).length);
            }
        }
        // The last cascading step is the fully random network: the same as randomising every layer at once.
        Classifier random = ModelRandomization.randomized(model, List.of(4, 3, 2, 0), 3);
        SaliencyMap expected = new VanillaGradient().attribute(random, images, targets, CancellationToken.create());
        assertArrayEquals(expected.values(), r.map(0, 4).values(), 1e-6f);
        assertFalse(java.util.Arrays.equals(r.map(0, 0).values(), r.map(0, 1).values()));
        assertEquals(3 * 5 * 4, r.summaryRows().size());
    }

    @Test
    void independentCheckRandomisesOneLayerAtATime() throws Exception {
        SanityCheckResult r = Jobs.runNow(new ParameterRandomizationCheck(model, images, targets,
                List.of(new VanillaGradient()), ParameterRandomizationCheck.Options.independent().withSeed(3)));
        Classifier onlyConv1 = ModelRandomization.randomized(model, List.of(0), 3);
        SaliencyMap expected = new VanillaGradient().attribute(onlyConv1, images, targets, CancellationToken.create());
        assertArrayEquals(expected.values(), r.map(0, 4).values(), 1e-6f);
        assertEquals(Randomization.INDEPENDENT, r.randomization());
    }

    @Test
    void theCheckReportsProgressHonoursCancellationAndRejectsBadSetups() {
        List<String> messages = new ArrayList<>();
        CancellationToken token = CancellationToken.create();
        ParameterRandomizationCheck check = new ParameterRandomizationCheck(model, images, targets,
                List.of(new VanillaGradient()), new ParameterRandomizationCheck.Options(Randomization.CASCADING, 0,
                        2));
        assertThrows(CancelledException.class, () -> check.run((f, m) -> {
            messages.add(m);
            token.cancel();
        }, token));
        assertEquals(1, messages.size());
        assertEquals(List.of("original", "output", "dense"), ParameterRandomizationCheck.stepLabels(model,
                new ParameterRandomizationCheck.Options(Randomization.CASCADING, 0, 2)));
        assertThrows(IllegalArgumentException.class, () -> new ParameterRandomizationCheck(model, images, targets,
                List.of(new VanillaGradient(), new VanillaGradient()), ParameterRandomizationCheck.Options.cascading()));
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterRandomizationCheck.Options(Randomization.PERMUTED_LABELS, 0, 0));
        Classifier linear = new org.advlens.testing.LinearClassifier(org.advlens.model.InputSpec.grey(8, 8),
                new float[3][64], new float[3]);
        assertThrows(UnsupportedOperationException.class, () -> new ParameterRandomizationCheck(linear, images,
                targets, List.of(new VanillaGradient()), ParameterRandomizationCheck.Options.cascading()));
        assertTrue(messages.get(0).contains("Gradient"), messages.get(0));
    }
}

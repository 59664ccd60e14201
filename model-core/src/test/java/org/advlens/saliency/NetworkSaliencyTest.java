package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.saliency.method.GradCam;
import org.advlens.saliency.method.GuidedBackprop;
import org.advlens.saliency.method.IntegratedGradients;
import org.advlens.saliency.method.SaliencyMethods;
import org.advlens.saliency.method.VanillaGradient;
import org.advlens.saliency.sanity.ModelRandomization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The methods that work on a network's layers, on tiny DL4J networks whose maps can be worked out from their
 * weights: Guided Backprop on a one-hidden-layer ReLU network, Grad-CAM on a conv + global-average-pooling network
 * (where it equals CAM), bilinear upsampling, and Integrated Gradients' completeness on a CNN.
 */
class NetworkSaliencyTest {

    private static final int SIZE = TinyNetworks.SIDE * TinyNetworks.SIDE;

    @Test
    void guidedBackpropPassesOnlyPositiveGradientsThroughActiveReLUs() {
        int hidden = 12;
        MultiLayerNetwork net = TinyNetworks.mlp(3, hidden);
        Dl4jClassifier model = TinyNetworks.classifier(net);
        Images images = TinyNetworks.images(4, 9);
        int[] targets = {0, 1, 2, 1};
        float[][] w1 = net.getLayer(0).getParam("W").castTo(DataType.FLOAT).toFloatMatrix(); // [64, hidden]
        float[] b1 = net.getLayer(0).getParam("b").castTo(DataType.FLOAT).reshape(-1).toFloatVector();
        float[][] w2 = net.getLayer(1).getParam("W").castTo(DataType.FLOAT).toFloatMatrix(); // [hidden, classes]

        SaliencyMap guided = new GuidedBackprop().attribute(model, images, targets, CancellationToken.create());
        SaliencyMap plain = new VanillaGradient().attribute(model, images, targets, CancellationToken.create());
        for (int n = 0; n < images.count(); n++) {
            float[] x = images.image(n).pixels();
            float[] expectedGuided = new float[SIZE];
            float[] expectedPlain = new float[SIZE];
            for (int j = 0; j < hidden; j++) {
                double pre = b1[j];
                for (int i = 0; i < SIZE; i++) {
                    pre += x[i] * w1[i][j];
                }
                double up = w2[j][targets[n]];
                double gPlain = pre > 0 ? up : 0;
                double gGuided = pre > 0 && up > 0 ? up : 0;
                for (int i = 0; i < SIZE; i++) {
                    expectedPlain[i] += (float) (w1[i][j] * gPlain);
                    expectedGuided[i] += (float) (w1[i][j] * gGuided);
                }
            }
            assertArrayEquals(expectedGuided, guided.image(n), 1e-5f, "guided, image " + n);
            assertArrayEquals(expectedPlain, plain.image(n), 1e-5f, "plain, image " + n);
        }
        // The guided copy computes the same logits on the same parameters.
        INDArray x = images.toArray();
        assertArrayEquals(model.logits(x).reshape(-1).toFloatVector(),
                GuidedBackprop.guided(model).logits(x).reshape(-1).toFloatVector(),
                1e-6f);
    }

    @Test
    void gradCamOnAGlobalAveragePoolingNetworkIsCam() {
        int filters = 5;
        MultiLayerNetwork net = TinyNetworks.gapCnn(4, filters);
        Dl4jClassifier model = TinyNetworks.classifier(net);
        Images images = TinyNetworks.images(3, 2);
        int[] targets = {2, 0, 1};
        SaliencyMap map = new GradCam().attribute(model, images, targets, CancellationToken.create());
        assertFalse(map.signed());
        float[][] wOut = net.getLayer(2).getParam("W").castTo(DataType.FLOAT).toFloatMatrix(); // [filters, classes]
        INDArray act = net.feedForward(images.toArray(), false).get(1).castTo(DataType.FLOAT); // [n, K, 8, 8]
        for (int n = 0; n < images.count(); n++) {
            float[] expected = new float[SIZE];
            for (int p = 0; p < SIZE; p++) {
                double s = 0;
                for (int k = 0; k < filters; k++) {
                    s += wOut[k][targets[n]] / SIZE * act.getDouble(n, k, p / 8, p % 8);
                }
                expected[p] = (float) Math.max(0, s);
            }
            assertArrayEquals(expected, map.image(n), 1e-6f, "image " + n);
        }
        assertEquals(List.of("conv"), GradCam.layerChoices(model));
    }

    @Test
    void gradCamUpsamplesAPooledLayerAndNamesBadLayers() {
        Dl4jClassifier model = TinyNetworks.classifier(TinyNetworks.cnn(5));
        Images images = TinyNetworks.images(2, 3);
        assertEquals(List.of("conv1", "pool1", "conv2"), GradCam.layerChoices(model));
        for (String layer : new String[] {"pool1", "conv2", "1", null}) {
            SaliencyMap map = new GradCam(GradCam.Options.defaults().withLayer(layer))
                    .attribute(model, images, new int[] {0, 1}, CancellationToken.create());
            assertArrayEquals(new int[] {2, 1, 8, 8}, map.shape());
            for (float v : map.values()) {
                assertTrue(v >= 0 && Float.isFinite(v), "Grad-CAM values are ReLU'd and finite: " + v);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GradCam(GradCam.Options.defaults().withLayer("conv9"))
                        .attribute(model, images, new int[] {0, 1}, CancellationToken.create()));
        assertTrue(e.getMessage().contains("conv9") && e.getMessage().contains("conv2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GradCam(GradCam.Options.defaults().withLayer("output"))
                .attribute(model, images, new int[] {0, 1}, CancellationToken.create()));
    }

    @Test
    void gradCamAppliesTheModelsInputNormalisation() {
        MultiLayerNetwork net = TinyNetworks.cnn(6);
        Dl4jClassifier plain = TinyNetworks.classifier(net);
        org.advlens.model.InputSpec normalisedSpec = new org.advlens.model.InputSpec(1, 8, 8,
                org.advlens.model.ChannelOrder.NCHW, 0, 1, new double[] {0.25}, new double[] {0.5});
        Dl4jClassifier normalised = Dl4jClassifier.of(net, plain.info().withInput(normalisedSpec));
        Images images = TinyNetworks.images(2, 6);
        float[] px = images.pixels();
        for (int i = 0; i < px.length; i++) {
            px[i] = (px[i] - 0.25f) / 0.5f;
        }
        Images standardised = new Images(px, 2, 1, 8, 8);
        int[] targets = {1, 2};
        SaliencyMap a = new GradCam().attribute(normalised, images, targets, CancellationToken.create());
        SaliencyMap b = new GradCam().attribute(plain, standardised, targets, CancellationToken.create());
        assertArrayEquals(b.values(), a.values(), 1e-5f);
    }

    @Test
    void bilinearUpsamplingUsesHalfPixelCentres() {
        float[] up = GradCam.upsample(new float[] {0, 1, 2, 3}, 2, 2, 4, 4);
        // torch.nn.functional.interpolate([[0,1],[2,3]], size=4, mode="bilinear", align_corners=False)
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f,
            2, 2.25f, 2.75f, 3}, up, 1e-6f);
        float[] same = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(same, GradCam.upsample(same, 2, 3, 2, 3), 1e-6f);
        float[] constant = GradCam.upsample(new float[] {7, 7, 7, 7}, 2, 2, 7, 5);
        for (float v : constant) {
            assertEquals(7f, v, 1e-6f);
        }
    }

    @Test
    void integratedGradientsCompletenessHoldsOnACnnAndTightensWithSteps() {
        Dl4jClassifier model = TinyNetworks.classifier(TinyNetworks.cnn(7));
        Images images = TinyNetworks.images(4, 4);
        int[] targets = Target.predicted().resolve(model, images, null);
        double coarse = 0;
        double fine = 0;
        double scale = 0;
        for (int steps : new int[] {4, 256}) {
            SaliencyMap map = new IntegratedGradients(IntegratedGradients.Options.defaults().withSteps(steps)
                    .withBatchSize(128)).attribute(model, images, targets, CancellationToken.create());
            double[] delta = map.completenessDelta();
            for (int i = 0; i < delta.length; i++) {
                double sum = 0;
                for (float v : map.image(i)) {
                    sum += v;
                }
                if (steps == 4) {
                    coarse += Math.abs(delta[i]);
                    scale += Math.abs(sum - delta[i]);
                } else {
                    fine += Math.abs(delta[i]);
                    assertEquals(0, delta[i], 0.01 * Math.max(1, Math.abs(sum - delta[i])),
                            "completeness with 256 steps, image " + i);
                }
            }
        }
        assertTrue(scale > 0.01, "the logit differences should not be trivial: " + scale);
        assertTrue(fine <= coarse + 1e-6, "more steps should not widen the gap: " + coarse + " -> " + fine);
    }

    @Test
    void networkMethodsSaySoWhenTheModelHasNoLayers() {
        Classifier linear = new org.advlens.testing.LinearClassifier(org.advlens.model.InputSpec.grey(8, 8),
                new float[2][64], new float[2]);
        assertFalse(new GradCam().supports(linear));
        assertFalse(new GuidedBackprop().supports(linear));
        assertTrue(new VanillaGradient().supports(linear));
        Images images = TinyNetworks.images(1, 1);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new GradCam().attribute(linear, images, new int[] {0}, CancellationToken.create()));
        assertTrue(e.getMessage().contains("Grad-CAM"), e.getMessage());
        assertThrows(UnsupportedOperationException.class,
                () -> new GuidedBackprop().attribute(linear, images, new int[] {0}, CancellationToken.create()));
        assertFalse(ModelRandomization.supports(linear));
        assertEquals(6, SaliencyMethods.supported(linear).size());
    }
}

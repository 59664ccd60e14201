package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.data.Datasets;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.model.runtime.ExportedNetworkClassifier;
import org.advlens.model.runtime.GradientGraphBacked;
import org.advlens.model.runtime.OnnxRuntimeClassifier;
import org.advlens.saliency.method.GradCam;
import org.advlens.saliency.method.GuidedBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The saliency methods that change the backward pass or read an inner layer give the same maps on the gradient
 * engine (a replaced ReLU rule; a gradient graph that also outputs the layer) as on the DL4J network they used to
 * edit, for the bundled CNN.
 */
class EngineSaliencyAgreementTest {

    private static Classifier loaded;
    private static OnnxRuntimeClassifier engine;
    private static Classifier dl4j;
    private static Images images;
    private static int[] targets;

    @BeforeAll
    static void load() throws Exception {
        loaded = ModelLoader.bundledDefault();
        ExportedNetworkClassifier exported = assertInstanceOf(ExportedNetworkClassifier.class, loaded);
        engine = exported.runtime(); // on the engine only: not NetworkBacked
        dl4j = Dl4jClassifier.of((MultiLayerNetwork) exported.network(), loaded.info());
        LabelledDataset data = Datasets.bundledEvaluation();
        images = data.images().slice(0, 6);
        targets = java.util.Arrays.copyOf(data.labels(), 6);
    }

    @AfterAll
    static void close() {
        loaded.close();
    }

    @Test
    void guidedBackpropOnTheEngineEqualsTheEditedNetwork() {
        // given the bundled CNN on the engine and as a DL4J network
        GuidedBackprop method = new GuidedBackprop();
        // when Guided Backprop runs on both
        SaliencyMap onEngine = method.attribute(engine, images, targets, CancellationToken.create());
        SaliencyMap onNetwork = method.attribute(dl4j, images, targets, CancellationToken.create());
        // then the maps agree to float rounding
        double error = relative(onEngine.values(), onNetwork.values());
        assertTrue(error < 1e-4, "guided backprop maps differ by " + error);
    }

    @Test
    void gradCamOnTheEngineEqualsTheNetworkTail() {
        // given the default layer: DL4J's last convolution 'conv2' (with its ReLU), the engine's last Conv + Relu
        GradCam method = new GradCam();
        assertTrue(method.supports(engine));
        assertTrue(!((GradientGraphBacked) engine).lastConvolutionLayer().isEmpty());
        // when Grad-CAM runs on both
        SaliencyMap onEngine = method.attribute(engine, images, targets, CancellationToken.create());
        SaliencyMap onNetwork = method.attribute(dl4j, images, targets, CancellationToken.create());
        // then the maps agree to float rounding
        double error = relative(onEngine.values(), onNetwork.values());
        assertTrue(error < 1e-4, "Grad-CAM maps differ by " + error);
    }

    @Test
    void gradCamNamesTheLayersOfTheGraphWhenOneIsUnknown() {
        GradCam method = new GradCam(GradCam.Options.defaults().withLayer("no-such-layer"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> method.attribute(engine, images, targets, CancellationToken.create()));
        assertTrue(e.getMessage().contains("no image-shaped layer 'no-such-layer'"), e.getMessage());
        assertTrue(GradCam.layerChoices(engine).contains(((GradientGraphBacked) engine).lastConvolutionLayer()));
    }

    private static double relative(float[] a, float[] b) {
        double scale = 1e-12;
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        return diff / scale;
    }
}

package org.advlens.counterfactual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.InputSpec;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoencoderTrainerTest {

    private static final InputSpec SPEC = InputSpec.grey(28, 28);

    @TempDir
    Path dir;

    @Test
    void theFilterCountSetsTheWidthOfTheConvolutions() {
        MultiLayerNetwork narrow = AutoencoderTrainer.buildNetwork(SPEC, 8, 4, 1, 1e-3);
        MultiLayerNetwork wide = AutoencoderTrainer.buildNetwork(SPEC, 8, 8, 1, 1e-3);
        assertEquals(4, ((ConvolutionLayer) narrow.getLayer(0).conf().getLayer()).getNOut());
        assertEquals(8, ((ConvolutionLayer) narrow.getLayer(1).conf().getLayer()).getNOut());
        assertEquals(16, ((ConvolutionLayer) wide.getLayer(1).conf().getLayer()).getNOut());
        // the default is the bundled autoencoder's 16 / 32
        MultiLayerNetwork standard = AutoencoderTrainer.buildNetwork(SPEC, 8, 1, 1e-3);
        assertEquals(32, ((ConvolutionLayer) standard.getLayer(1).conf().getLayer()).getNOut());
    }

    @Test
    void aShortRunOnBundledImagesLearnsToReconstructThem() throws Exception {
        // given 1000 bundled training images and 64 others held out
        LabelledDataset all = ReferenceSet.bundled(SPEC).data();
        LabelledDataset train = all.limit(1000);
        LabelledDataset test = all.slice(1000, 1064, "held out");
        Path out = dir.resolve("ae.zip");
        AutoencoderOptions options = AutoencoderOptions.defaults().withLatentSize(8).withFilters(4).withEpochs(5)
                .withBatchSize(32).withLearningRate(5e-3).withSeed(7);
        // when trained for five short epochs
        AutoencoderReport report = new AutoencoderTrainer(options, train, test, SPEC, out)
                .run(ProgressListener.NONE, CancellationToken.create());
        // then the file loads as a generator and reconstructs held-out images better than predicting the mean grey
        Autoencoder ae = Autoencoder.load(out);
        assertTrue(Files.size(out) > 0);
        assertEquals(8, ae.latentSize());
        double variance = 0;
        float[] px = test.images().pixels();
        double mean = 0;
        for (float v : px) {
            mean += v / px.length;
        }
        for (float v : px) {
            variance += (v - mean) * (v - mean) / px.length;
        }
        assertTrue(report.testReconstructionMse() < 0.5 * variance, "MSE " + report.testReconstructionMse()
                + " vs variance " + variance);
        assertEquals(4, report.options().filters());
    }

    @Test
    void badOptionsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AutoencoderOptions.defaults().withFilters(0));
        assertTrue(e.getMessage().contains("filters must be in [1, 256], got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AutoencoderOptions.defaults().withLatentSize(1));
        assertTrue(e.getMessage().contains("latentSize"), e.getMessage());
    }
}

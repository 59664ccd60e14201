package org.advlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advlens.data.DataLoadException;
import org.advlens.data.Datasets;
import org.advlens.data.FashionMnist;
import org.advlens.data.IdxWriter;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.model.Classifier;
import org.advlens.model.load.FileHashes;
import org.advlens.model.load.ModelLoader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the trainer for a few minibatches on a small Fashion-MNIST-shaped folder made from the bundled images. */
class FashionMnistTrainerTest {

    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void writeSmallDataFolder() throws IOException {
        data = Files.createDirectories(dir.resolve("fashion"));
        LabelledDataset bundled = Datasets.bundledEvaluation();
        LabelledDataset train = bundled.limit(192);
        IdxWriter.writeImages(train.images(), data.resolve("train-images-idx3-ubyte.gz"), true);
        IdxWriter.writeLabels(train.labels(), data.resolve("train-labels-idx1-ubyte.gz"), true);
        IdxWriter.writeImages(bundled.images().slice(900, 1000), data.resolve("t10k-images-idx3-ubyte.gz"), true);
        IdxWriter.writeLabels(java.util.Arrays.copyOfRange(bundled.labels(), 900, 1000),
                data.resolve("t10k-labels-idx1-ubyte.gz"), true);
    }

    @Test
    void buildsTheDocumentedArchitecture() {
        MultiLayerNetwork net = FashionMnistTrainer.buildNetwork(1, 1e-3);
        // conv1 5*5*1*16+16, conv2 5*5*16*32+32, dense 4*4*32*128+128, output 128*10+10
        assertEquals(416 + 12_832 + 65_664 + 1_290, net.numParams());
        assertEquals(6, net.getnLayers());
        assertEquals(net.params(), FashionMnistTrainer.buildNetwork(1, 1e-3).params(), "the seed pins the weights");
    }

    @Test
    void trainsReportsProgressAndSavesALoadableModel() throws Exception {
        TrainingOptions options = new TrainingOptions(2, 32, 1e-3, 3, 0, 0, data);
        Path out = dir.resolve("models/tiny.zip");
        List<Double> fractions = new ArrayList<>();
        TrainingReport report = FashionMnistTrainer.train(options, out, (f, m) -> fractions.add(f),
                CancellationToken.create());
        assertEquals(192, report.trainImages());
        assertEquals(100, report.testImages());
        assertEquals(2, report.epochs());
        assertEquals(3L, report.seed());
        assertEquals(FileHashes.sha256(out), report.sha256());
        assertTrue(report.testAccuracy() > 0.3, "twelve minibatches beat chance (0.1): " + report.testAccuracy());
        assertTrue(fractions.contains(1.0), fractions.toString());
        assertTrue(fractions.stream().filter(f -> f >= 0).count() >= 3, fractions.toString());
        try (Classifier c = ModelLoader.load(out)) {
            assertEquals(FashionMnistTrainer.MODEL_NAME, c.info().name());
            assertEquals(FashionMnist.CLASS_NAMES, c.classNames());
            assertEquals(FashionMnistTrainer.INPUT, c.inputSpec());
            assertEquals(report.parameterCount(), c.info().parameterCount());
        }
    }

    @Test
    void handsEachEpochsMetricsToTheListenerAsTheyAreMeasured() throws Exception {
        TrainingOptions options = new TrainingOptions(2, 64, 1e-3, 3, 0, 0, data);
        List<EpochMetrics> seen = new ArrayList<>();
        TrainingReport report = new FashionMnistTrainer(options, dir.resolve("listened.zip"), seen::add)
                .run((f, m) -> { }, CancellationToken.create());
        assertEquals(report.history(), seen);
        assertEquals(List.of(1, 2), seen.stream().map(EpochMetrics::epoch).toList());
    }

    @Test
    void aCancelledRunResumesFromItsCheckpointExactlyAsTheUninterruptedRun() throws Exception {
        // given a 3-epoch mixup run to the end, and the same run cancelled once epoch 2 is measured
        TrainingOptions options = new TrainingOptions(3, 64, 1e-3, 3, 0, 0, data).withMethod(TrainingMethod.mixup(0.4));
        Path whole = dir.resolve("whole.zip");
        TrainingReport uninterrupted = new FashionMnistTrainer(options, whole).run((f, m) -> { },
                CancellationToken.create());
        Path out = dir.resolve("resumed.zip");
        CancellationToken token = CancellationToken.create();
        assertThrows(CancelledException.class, () -> new FashionMnistTrainer(options, out, m -> {
            if (m.epoch() == 2) {
                token.cancel();
            }
        }).run((f, m) -> { }, token));
        Path checkpoint = TrainingCheckpoint.folderFor(out);
        assertEquals(2, TrainingCheckpoint.read(checkpoint).epoch());
        assertTrue(Files.notExists(out));
        // when it is resumed with the same settings
        List<EpochMetrics> seen = new ArrayList<>();
        TrainingReport resumed = new FashionMnistTrainer(options, out, seen::add, true).run((f, m) -> { },
                CancellationToken.create());
        // then it ends where the uninterrupted run ended, with the same history, and leaves no checkpoint
        assertEquals(uninterrupted.history(), resumed.history());
        assertEquals(uninterrupted.history(), seen);
        try (Classifier a = ModelLoader.load(whole); Classifier b = ModelLoader.load(out)) {
            org.nd4j.linalg.api.ndarray.INDArray x = Datasets.bundledEvaluation().limit(20).images().toArray();
            assertTrue(a.logits(x).equalsWithEps(b.logits(x), 1e-5), "same weights after resuming");
        }
        assertTrue(Files.notExists(checkpoint));
    }

    @Test
    void aCheckpointOfOtherSettingsIsNotResumed() throws Exception {
        TrainingOptions options = new TrainingOptions(2, 64, 1e-3, 3, 0, 0, data);
        Path out = dir.resolve("other.zip");
        CancellationToken token = CancellationToken.create();
        assertThrows(CancelledException.class, () -> new FashionMnistTrainer(options, out, m -> token.cancel())
                .run((f, m) -> { }, token));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FashionMnistTrainer(options.withSeed(4), out, m -> { }, true).run((f, m) -> { },
                        CancellationToken.create()));
        assertTrue(e.getMessage().contains("was written by a run with other settings"), e.getMessage());
        // without asking to resume, the run starts afresh and replaces the checkpoint when it ends
        new FashionMnistTrainer(options.withSeed(4), out).run((f, m) -> { }, CancellationToken.create());
        assertTrue(Files.notExists(TrainingCheckpoint.folderFor(out)));
    }

    @Test
    void manifoldMixupTrainsThroughTheMixAndLeavesNoTraceInTheModel() throws Exception {
        TrainingOptions options = new TrainingOptions(3, 32, 2e-3, 3, 0, 0, data)
                .withMethod(TrainingMethod.manifoldMixup(0.4, List.of(0, 2, 4)));
        Path out = dir.resolve("manifold.zip");
        TrainingReport report = FashionMnistTrainer.train(options, out, (f, m) -> { }, CancellationToken.create());
        assertTrue(report.testAccuracy() > 0.3, "beats chance (0.1): " + report.testAccuracy());
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork saved =
                org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(out.toFile());
        assertTrue(saved.getLayerWiseConfigurations().getInputPreProcessors().values().stream()
                .noneMatch(p -> p instanceof ManifoldMixing), "the mix is removed after every minibatch");
        try (Classifier c = ModelLoader.load(out)) {
            assertEquals("Fashion-MNIST CNN (manifold-mixup-trained)", c.info().name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnistTrainer.train(
                options.withMethod(TrainingMethod.manifoldMixup(0.4, List.of(0, 9))), dir.resolve("none.zip"),
                (f, m) -> { }, CancellationToken.create()));
        assertTrue(e.getMessage().startsWith("manifold-mixup layer 9 does not exist: the network has layers 0 to 5"
                + " (0 conv1, 1 pool1, 2 conv2, 3 pool2, 4 dense, 5 output)"), e.getMessage());
    }

    @Test
    void stopsAtTheNextMinibatchWhenCancelled() {
        CancellationToken token = CancellationToken.create();
        Path out = dir.resolve("never.zip");
        TrainingOptions options = new TrainingOptions(5, 32, 1e-3, 3, 0, 0, data);
        assertThrows(CancelledException.class, () -> FashionMnistTrainer.train(options, out, (f, m) -> {
            if (f > 0) {
                token.cancel();
            }
        }, token));
        assertTrue(Files.notExists(out));
    }

    @Test
    void namesMissingDataFiles() {
        TrainingOptions options = new TrainingOptions(1, 64, 1e-3, 3, 0, 0, dir.resolve("nowhere"));
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> FashionMnistTrainer.train(options, dir.resolve("x.zip"), (f, m) -> { }, CancellationToken.create()));
        assertEquals("nowhere: not a folder; expected IDX files (train-images-idx3-ubyte.gz, ...) or train/ and"
                + " test/ class folders", e.getMessage());
    }
}

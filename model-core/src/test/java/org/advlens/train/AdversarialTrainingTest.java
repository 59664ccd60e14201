package org.advlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.Norm;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.data.Datasets;
import org.advlens.data.IdxWriter;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adversarial training on a small Fashion-MNIST-shaped folder made from the bundled images (800 training, 200
 * held-out): PGD adversarial training raises robust accuracy where standard training leaves it near zero, the
 * per-epoch history is measured, and the best robust epoch can be kept.
 */
class AdversarialTrainingTest {

    private static final Logger LOG = LoggerFactory.getLogger(AdversarialTrainingTest.class);
    private static final double EPS = 0.05;

    @TempDir
    static Path dir;
    private static Path data;

    @BeforeAll
    static void writeSmallDataFolder() throws IOException {
        data = Files.createDirectories(dir.resolve("fashion"));
        LabelledDataset bundled = Datasets.bundledEvaluation();
        IdxWriter.writeImages(bundled.images().slice(0, 800), data.resolve("train-images-idx3-ubyte.gz"), true);
        IdxWriter.writeLabels(java.util.Arrays.copyOfRange(bundled.labels(), 0, 800),
                data.resolve("train-labels-idx1-ubyte.gz"), true);
        IdxWriter.writeImages(bundled.images().slice(800, 1000), data.resolve("t10k-images-idx3-ubyte.gz"), true);
        IdxWriter.writeLabels(java.util.Arrays.copyOfRange(bundled.labels(), 800, 1000),
                data.resolve("t10k-labels-idx1-ubyte.gz"), true);
    }

    private static TrainingReport standardReport;

    /** The model trained the standard way on the same data, seed and epochs, trained once for all tests. */
    private static synchronized Path standardModel() throws IOException {
        Path standard = dir.resolve("standard.zip");
        if (standardReport == null) {
            standardReport = FashionMnistTrainer.train(options(TrainingMethod.standard()), standard, (f, m) -> { },
                    CancellationToken.create());
        }
        return standard;
    }

    /** The seed of training and of the trainer's own PGD-20 measure, which the tests repeat. */
    private static final long TRAINING_SEED = 7;

    private static TrainingOptions options(TrainingMethod method) {
        return new TrainingOptions(4, 32, 2e-3, TRAINING_SEED, 0, 0, data).withMethod(method);
    }

    /** PGD-20 accuracy at EPS of a saved model on the 200 held-out images. */
    private static double robustAccuracy(Path model) throws Exception {
        LabelledDataset held = Datasets.bundledEvaluation().slice(800, 1000, "held-out");
        try (Classifier c = ModelLoader.load(model)) {
            ProjectedGradientDescent pgd = new ProjectedGradientDescent();
            AttackOutcome o = AttackRunner.run(pgd, c, held.images(), held.labels(), new double[] {EPS},
                    pgd.defaults().withSeed(TRAINING_SEED), CancellationToken.create()).get(0);
            int correct = 0;
            for (int i = 0; i < held.size(); i++) {
                correct += o.predictions()[i] == held.label(i) ? 1 : 0;
            }
            return (double) correct / held.size();
        }
    }

    @Test
    void pgdTrainingRaisesRobustAccuracyOverStandardTraining() throws Exception {
        // given the same data, seed and epochs, trained the standard way and with PGD-AT at eps 0.05
        Path standard = standardModel();
        Path robust = dir.resolve("robust.zip");
        TrainingReport s = standardReport;
        TrainingReport r = FashionMnistTrainer.train(options(TrainingMethod.pgd(Norm.LINF, EPS, 5, 0.25)), robust,
                (f, m) -> { }, CancellationToken.create());
        // when both are attacked with PGD-20 at that eps
        double standardRobust = robustAccuracy(standard);
        double adversarialRobust = robustAccuracy(robust);
        LOG.info("standard: clean {}, PGD-20 {}; PGD-AT: clean {}, PGD-20 {}; PGD-AT history {}", s.testAccuracy(),
                standardRobust, r.testAccuracy(), adversarialRobust, r.history());
        // then adversarial training is far more robust, still learns the task, and measured each epoch
        assertTrue(adversarialRobust > standardRobust + 0.15, "PGD-AT " + adversarialRobust + " vs standard "
                + standardRobust);
        assertTrue(r.testAccuracy() > 0.5, "clean accuracy " + r.testAccuracy());
        assertEquals(4, r.history().size());
        assertTrue(r.history().stream().allMatch(m -> !Double.isNaN(m.robustAccuracy())));
        assertTrue(s.history().stream().allMatch(m -> Double.isNaN(m.robustAccuracy())));
        assertEquals(r.history().get(3).robustAccuracy(), adversarialRobust, 0.0,
                "the trainer's own measure is the engine's PGD-20 on the same images and seed");
    }

    @Test
    void fastTrainingKeepsTheBestRobustEpoch() throws Exception {
        // given fast adversarial training asked to keep the best robust epoch
        TrainingOptions o = options(TrainingMethod.fast(Norm.LINF, EPS)).withRobustEvaluation(200, true);
        // when it runs
        TrainingReport r = FashionMnistTrainer.train(o, dir.resolve("fast.zip"), (f, m) -> { },
                CancellationToken.create());
        // then the saved epoch is the one with the highest robust accuracy, the first among equals
        double best = r.history().stream().mapToDouble(EpochMetrics::robustAccuracy).max().orElseThrow();
        EpochMetrics saved = r.history().get(r.savedEpoch() - 1);
        assertEquals(best, saved.robustAccuracy(), 0.0, r.history().toString());
        assertTrue(r.history().stream().limit(r.savedEpoch() - 1).allMatch(m -> m.robustAccuracy() < best));
        assertEquals(best, r.robustAccuracy(), 0.0);
    }

    @Test
    void noiseTrainingHoldsItsAccuracyUnderNoise() throws Exception {
        // given the same data, seed and epochs, trained the standard way and with Gaussian noise of sigma 0.5
        Path standard = standardModel();
        Path noisy = dir.resolve("noisy.zip");
        TrainingReport r = FashionMnistTrainer.train(options(TrainingMethod.noise(0.5)), noisy, (f, m) -> { },
                CancellationToken.create());
        // when both classify the held-out images with noise of that sigma added
        LabelledDataset held = Datasets.bundledEvaluation().slice(800, 1000, "held-out");
        org.nd4j.linalg.api.ndarray.INDArray x = held.images().toArray();
        x.addi(new org.advlens.attack.SeededNoise(9).gaussian(x.shape()).muli(0.5));
        double plainAccuracy;
        double noisyAccuracy;
        try (Classifier a = ModelLoader.load(standard); Classifier b = ModelLoader.load(noisy)) {
            plainAccuracy = accuracy(a.predict(x), held.labels());
            noisyAccuracy = accuracy(b.predict(x), held.labels());
        }
        LOG.info("accuracy under noise 0.5: standard {}, noise-trained {}", plainAccuracy, noisyAccuracy);
        // then the noise-trained model keeps far more of it, and says how it was trained
        assertTrue(noisyAccuracy > plainAccuracy + 0.1, noisyAccuracy + " vs " + plainAccuracy);
        try (Classifier b = ModelLoader.load(noisy)) {
            assertEquals("Fashion-MNIST CNN (noise-trained, sigma 0.5)", b.info().name());
        }
        assertTrue(r.history().stream().allMatch(m -> Double.isNaN(m.robustAccuracy())));
    }

    private static double accuracy(int[] predicted, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    @Test
    void tradesTrainingRaisesRobustAccuracyOverStandardTraining() throws Exception {
        // given the same data, seed and epochs, trained the standard way and with TRADES at eps 0.05, beta 6
        Path standard = standardModel();
        Path trades = dir.resolve("trades.zip");
        // (robust accuracy after each epoch on a few images only: the test measures the saved model itself)
        TrainingReport r = FashionMnistTrainer.train(options(TrainingMethod.trades(Norm.LINF, EPS, 3, 0.4,
                TrainingMethod.TRADES_BETA)).withRobustEvaluation(20, false), trades, (f, m) -> { },
                CancellationToken.create());
        // when both are attacked with PGD-20 at that eps
        double standardRobust = robustAccuracy(standard);
        double tradesRobust = robustAccuracy(trades);
        LOG.info("TRADES: clean {}, PGD-20 {} (standard {}); history {}", r.testAccuracy(), tradesRobust,
                standardRobust, r.history());
        // then TRADES is far more robust, still learns the task, and the loss it reports is the TRADES loss
        assertTrue(tradesRobust > standardRobust + 0.1, "TRADES " + tradesRobust + " vs standard " + standardRobust);
        assertTrue(r.testAccuracy() > 0.5, "clean accuracy " + r.testAccuracy());
        assertEquals(4, r.history().size());
        try (Classifier c = ModelLoader.load(trades)) {
            assertEquals("Fashion-MNIST CNN (TRADES-trained)", c.info().name());
        }
    }

    @Test
    void distilledModelMasksTheCrossEntropyGradientButNotTheLogits() throws Exception {
        // given a model distilled at temperature 100 and deployed at 1
        Path distilled = dir.resolve("distilled.zip");
        TrainingReport r = FashionMnistTrainer.train(options(TrainingMethod.distillation(100)), distilled,
                (f, m) -> { }, CancellationToken.create());
        LabelledDataset held = Datasets.bundledEvaluation().slice(800, 1000, "held-out");
        try (Classifier c = ModelLoader.load(distilled)) {
            // when its cross-entropy gradient is taken on the held-out images
            org.nd4j.linalg.api.ndarray.INDArray g = c.lossGradient(held.images().toArray(), held.labels());
            int zero = 0;
            for (int i = 0; i < held.size(); i++) {
                zero += g.slice(i).amaxNumber().doubleValue() == 0 ? 1 : 0;
            }
            // then the saturated softmax zeroes it on many images, so PGD on the cross-entropy stalls, while
            // APGD on the scale-free difference of logits ratio (Croce and Hein 2020) still finds adversarial examples
            ProjectedGradientDescent pgd = new ProjectedGradientDescent();
            AttackOutcome ce = AttackRunner.run(pgd, c, held.images(), held.labels(), new double[] {0.1},
                    pgd.defaults().withSeed(1), CancellationToken.create()).get(0);
            org.advlens.attack.gradient.AutoPgdDlr dlr = new org.advlens.attack.gradient.AutoPgdDlr();
            AttackOutcome logits = AttackRunner.run(dlr, c, held.images(), held.labels(), new double[] {0.1},
                    dlr.defaults().withSeed(1), CancellationToken.create()).get(0);
            double ceAccuracy = accuracy(ce.predictions(), held.labels());
            double dlrAccuracy = accuracy(logits.predictions(), held.labels());
            LOG.info("distilled: clean {}, zero CE gradients {}/{}, PGD-CE {}, APGD-DLR {}", r.testAccuracy(), zero,
                    held.size(), ceAccuracy, dlrAccuracy);
            assertTrue(zero > held.size() / 3, zero + " zero gradients of " + held.size());
            assertTrue(ceAccuracy > dlrAccuracy + 0.3, "PGD-CE " + ceAccuracy + " vs APGD-DLR " + dlrAccuracy);
            assertTrue(r.testAccuracy() > 0.5, "clean accuracy " + r.testAccuracy());
            assertEquals("Fashion-MNIST CNN (distilled at temperature 100.0)", c.info().name());
            // and the evaluation diagnostics see the masking that made PGD-CE look strong
            org.advlens.eval.DiagnosticsReport report = new org.advlens.eval.EvaluationDiagnostics(c,
                    held.limit(12), new org.advlens.eval.EvaluationDiagnostics.Options(Norm.LINF,
                    new double[] {0.05, 0.1}, 10, 100, 2, 1, 20, 3L)).run((f, m) -> { }, CancellationToken.create());
            LOG.info("diagnostics of the distilled model: {}", report.warnings());
            assertTrue(!report.trustworthy(), "the distilled model's evaluation is flagged");
        }
    }

    @Test
    void parsevalTrainingKeepsTheRowsCloserToOrthonormal() throws Exception {
        Path plain = standardModel();
        Path parseval = dir.resolve("parseval.zip");
        TrainingReport r = FashionMnistTrainer.train(options(TrainingMethod.standard().withParseval(0.01)),
                parseval, (f, m) -> { }, CancellationToken.create());
        double plainDeviation = denseDeviation(plain);
        double parsevalDeviation = denseDeviation(parseval);
        LOG.info("dense rows ||W W^T - I||: standard {}, Parseval {}; clean {}", plainDeviation, parsevalDeviation,
                r.testAccuracy());
        assertTrue(parsevalDeviation < plainDeviation / 2, parsevalDeviation + " vs " + plainDeviation);
        assertTrue(r.testAccuracy() > 0.5, "clean accuracy " + r.testAccuracy());
    }

    private static double denseDeviation(Path model) throws IOException {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net =
                org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(model.toFile());
        return ParsevalRetraction.deviation(net.getLayer(4).getParam("W").transpose());
    }

    @Test
    void badSettingsAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingMethod.pgd(Norm.LINF, 0, 7, 0.25));
        assertEquals("epsilon must be positive for pgd-at, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingMethod.pgd(Norm.LINF, 0.1, 0, 0.25));
        assertEquals("steps must be in [1, 1000], got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingMethod.Kind.parse("tradez"));
        assertTrue(e.getMessage().startsWith("unknown training method 'tradez'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingMethod.distillation(0));
        assertEquals("distillation temperature must be in (0, 10000], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainingMethod.trades(Norm.LINF, 0.1, 7, 0.25, -1));
        assertEquals("TRADES beta must be in (0, 1000], got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingMethod.mixup(0));
        assertEquals("mixup alpha must be in (0, 100], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingMethod.standard().withParseval(0.5));
        assertEquals("Parseval beta must be in [0, 0.1] (0 for none), got 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingOptions(1, 32, 1e-3, 1, 0, 0, data).withRobustEvaluation(100, false));
        assertTrue(e.getMessage().contains("needs an adversarial method"), e.getMessage());
    }
}

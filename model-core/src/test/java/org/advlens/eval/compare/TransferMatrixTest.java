package org.advlens.eval.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.gradient.FastGradientSignMethod;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.ModelInfo;
import org.advlens.report.ComparisonJson;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

/**
 * Transfer matrices of linear models: the diagonal is each model's own white-box accuracy, identical models
 * transfer exactly, and a model whose class scores are reversed is never fooled by what was crafted on the
 * original, and is right exactly where the original is fooled.
 */
class TransferMatrixTest {

    private static final LinearClassifier A = CompareFixtures.linear(CompareFixtures.weights(3, 11));
    private static final LinearClassifier B = CompareFixtures.linear(CompareFixtures.weights(3, 12));
    private static final LinearClassifier C = CompareFixtures.linear(CompareFixtures.weights(3, 13));
    private static final LabelledDataset DATA = CompareFixtures.data(23, A, 5);
    private static final AttackParams PGD_PARAMS = AttackParams.defaults().withSteps(10).withSeed(3);

    @Test
    void theDiagonalIsEachModelsOwnWhiteBoxAccuracy() throws Exception {
        for (FixedEpsilonAttack attack : List.of(new FastGradientSignMethod(), new ProjectedGradientDescent())) {
            TransferMatrix.Result r = Jobs.runNow(new TransferMatrix(List.of(A, B, C), DATA,
                    new TransferMatrix.Options(attack, PGD_PARAMS, 0.1, 10)));
            assertEquals(3, r.size());
            for (int i = 0; i < 3; i++) {
                Classifier model = List.of(A, B, C).get(i);
                int correct = 0;
                for (int from = 0; from < DATA.size(); from += 10) {
                    int to = Math.min(DATA.size(), from + 10);
                    double accuracy = AttackRunner.run(attack, model, DATA.images().slice(from, to),
                            Arrays.copyOfRange(DATA.labels(), from, to), new double[] {0.1}, PGD_PARAMS,
                            CancellationToken.create()).get(0).accuracy();
                    correct += (int) Math.round(accuracy * (to - from));
                }
                assertEquals((double) correct / DATA.size(), r.whiteBoxAccuracy(i), 1e-12,
                        attack.name() + " on model " + i);
                assertTrue(r.whiteBoxAccuracy(i) <= r.cleanAccuracy(i), "an attack never raises the accuracy");
            }
            assertEquals(1.0, r.cleanAccuracy(0), "model A labelled the data");
        }
    }

    @Test
    void identicalModelsTransferExactly() throws Exception {
        LinearClassifier copy = CompareFixtures.linear(CompareFixtures.weights(3, 11));
        TransferMatrix.Result r = Jobs.runNow(new TransferMatrix(List.of(A, copy), DATA,
                new TransferMatrix.Options(new ProjectedGradientDescent(), PGD_PARAMS, 0.1, 8)));
        double white = r.whiteBoxAccuracy(0);
        assertTrue(white < 0.9, "the attack fools the model on some images, accuracy " + white);
        for (double[] row : r.accuracies()) {
            assertArrayEquals(new double[] {white, white}, row, 1e-12);
        }
    }

    @Test
    void examplesCraftedOnAReversedModelNeverFoolTheOriginal() throws Exception {
        float[][] w = CompareFixtures.weights(2, 21);
        LinearClassifier original = CompareFixtures.linear(w);
        LinearClassifier reversed = CompareFixtures.linear(new float[][] {w[1], w[0]});
        LabelledDataset data = CompareFixtures.data(16, original, 7);
        TransferMatrix.Result r = Jobs.runNow(new TransferMatrix(List.of(original, reversed), data,
                new TransferMatrix.Options(new FastGradientSignMethod(), AttackParams.defaults(), 0.2, 16)));
        assertEquals(1.0, r.cleanAccuracy(0));
        assertEquals(0.0, r.cleanAccuracy(1));
        assertEquals(1.0, r.accuracy(1, 0), "the reversed model's attack deepens the original's margin");
        assertEquals(0.0, r.accuracy(1, 1));
        assertEquals(1 - r.accuracy(0, 0), r.accuracy(0, 1), 1e-12,
                "with two classes the reversed model is right exactly where the original is fooled");
    }

    @Test
    void progressReachesTheEndAndCancellationStopsTheRun() throws Exception {
        List<Double> fractions = new ArrayList<>();
        Jobs.runNow(new TransferMatrix(List.of(A, B), DATA, new TransferMatrix.Options(new FastGradientSignMethod(),
                AttackParams.defaults(), 0.1, 10)), (f, m) -> fractions.add(f));
        assertEquals(6, fractions.size(), "three batches times two sources");
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-12);
        CancellationToken token = CancellationToken.create();
        token.cancel();
        assertThrows(CancelledException.class, () -> new TransferMatrix(List.of(A, B), DATA,
                new TransferMatrix.Options(new FastGradientSignMethod(), AttackParams.defaults(), 0.1, 10))
                .run((f, m) -> { }, token));
    }

    @Test
    void theJsonCarriesTheMatrixTheModelsAndTheSeed() throws Exception {
        TransferMatrix.Result r = Jobs.runNow(new TransferMatrix(List.of(A, B), DATA,
                new TransferMatrix.Options(new ProjectedGradientDescent(), PGD_PARAMS, 0.1, 10)));
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                ComparisonJson.transferMatrix(r, DATA.name(), DATA.source()));
        assertEquals("transfer_matrix", root.get("kind").asText());
        assertEquals(2, root.get("models").size());
        assertEquals(r.accuracy(0, 1), root.get("accuracy").get(0).get(1).asDouble(), 1e-12);
        assertEquals(r.whiteBoxAccuracy(1), root.get("white_box_accuracy").get(1).asDouble(), 1e-12);
        assertEquals(3, root.get("attack").get("params").get("seed").asLong());
        assertEquals(23, root.get("data").get("size").asInt());
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        FastGradientSignMethod fgsm = new FastGradientSignMethod();
        AttackParams p = AttackParams.defaults();
        var eps = assertThrows(IllegalArgumentException.class, () -> new TransferMatrix.Options(fgsm, p, -0.1, 10));
        assertTrue(eps.getMessage().contains("-0.1"), eps.getMessage());
        var batch = assertThrows(IllegalArgumentException.class, () -> new TransferMatrix.Options(fgsm, p, 0.1, 0));
        assertTrue(batch.getMessage().contains("got 0"), batch.getMessage());
        LinearClassifier other = new LinearClassifier(new org.advlens.model.InputSpec(1, 2, 8,
                org.advlens.model.ChannelOrder.NCHW, 0, 1, null, null), CompareFixtures.weights(3, 1), new float[3]);
        var shape = assertThrows(IllegalArgumentException.class, () -> new TransferMatrix(List.of(A, other), DATA,
                new TransferMatrix.Options(fgsm, p, 0.1, 10)));
        assertTrue(shape.getMessage().contains("same input"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TransferMatrix(List.of(), DATA,
                new TransferMatrix.Options(fgsm, p, 0.1, 10)));
        List<ModelInfo> one = List.of(A.info());
        var count = assertThrows(IllegalArgumentException.class, () -> new TransferMatrix.Result(one, "fgsm", p, 0.1,
                4, new int[] {4}, new int[][] {{5}}));
        assertTrue(count.getMessage().contains("got 5"), count.getMessage());
    }
}

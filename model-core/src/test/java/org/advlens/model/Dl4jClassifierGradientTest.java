package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.model.load.ModelLoader;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference checks of {@link Dl4jClassifier#lossGradient} and {@link Dl4jClassifier#logitGradient}: the
 * analytic gradients come from the float32 classifier, the numeric ones from a float64 copy of the same weights.
 */
class Dl4jClassifierGradientTest {

    private static Classifier bundled;
    private static LabelledDataset data;

    @BeforeAll
    static void load() throws ModelLoadException, IOException {
        bundled = ModelLoader.bundledDefault();
        data = Datasets.bundledEvaluation().limit(3);
    }

    /** Logits of a float64 copy of a multi-layer network, NCHW input. */
    private static UnaryOperator<INDArray> doubleLogits(MultiLayerNetwork net) {
        MultiLayerNetwork logits = LogitHead.withLoss(net.convertDataType(DataType.DOUBLE), new WeightedLogitLoss());
        return x -> {
            INDArray z = logits.output(x, false);
            assertEquals(DataType.DOUBLE, z.dataType());
            return z;
        };
    }

    private static UnaryOperator<INDArray> doubleLogits(ComputationGraph graph) {
        ComputationGraph logits = LogitHead.withLoss(graph.convertDataType(DataType.DOUBLE), new WeightedLogitLoss());
        return x -> logits.outputSingle(false, x);
    }

    private static INDArray marginWeights(int rows, int classes, int[] labels) {
        INDArray w = Nd4j.zeros(DataType.FLOAT, rows, classes);
        for (int i = 0; i < rows; i++) {
            w.putScalar(i, labels[i], -1f);
            w.putScalar(i, (labels[i] + 1 + i) % classes, 1f);
        }
        return w;
    }

    @Test
    void lossGradientOfTheBundledCnnMatchesFiniteDifferences() {
        UnaryOperator<INDArray> z = doubleLogits((MultiLayerNetwork) ((NetworkBacked) bundled).network());
        INDArray x = data.images().toArray();
        int[] labels = {data.label(0), (data.label(1) + 3) % 10, data.label(2)};
        INDArray g = bundled.lossGradient(x, labels);
        assertEquals(List.of(3L, 1L, 28L, 28L), List.of(g.size(0), g.size(1), g.size(2), g.size(3)));
        int n = FiniteDifferences.check(v -> FiniteDifferences.crossEntropy(z.apply(v), labels), x, g, 6, 10, 1);
        assertTrue(n >= 8, "compared " + n);
    }

    @Test
    void logitGradientOfTheBundledCnnMatchesFiniteDifferences() {
        UnaryOperator<INDArray> z = doubleLogits((MultiLayerNetwork) ((NetworkBacked) bundled).network());
        INDArray x = data.images().toArray();
        INDArray w = marginWeights(3, 10, data.labels());
        INDArray g = bundled.logitGradient(x, w);
        FiniteDifferences.check(v -> FiniteDifferences.weighted(z.apply(v), w), x, g, 6, 10, 2);
    }

    @Test
    void computationGraphGradientsMatchFiniteDifferences() {
        ComputationGraph graph = TinyNetworks.graph(21);
        ModelInfo info = new ModelInfo("graph", "", "", ModelFormat.DL4J_GRAPH, InputSpec.grey(6, 6),
                TinyNetworks.CLASSES, graph.numParams(), List.of(), true);
        Classifier c = Dl4jClassifier.of(graph, info);
        UnaryOperator<INDArray> z = doubleLogits(graph);
        INDArray x = TinyNetworks.input(9, 2, 1, 6, 6);
        INDArray w = marginWeights(2, 3, new int[] {0, 2});
        INDArray logitGradient = c.logitGradient(x, w);
        assertEquals(List.of(2L, 1L, 6L, 6L), List.of(logitGradient.size(0), logitGradient.size(1),
                logitGradient.size(2), logitGradient.size(3)));
        FiniteDifferences.check(v -> FiniteDifferences.weighted(z.apply(v), w), x, logitGradient, 8, 8, 3);
        int[] labels = {1, 2};
        FiniteDifferences.check(v -> FiniteDifferences.crossEntropy(z.apply(v), labels), x,
                c.lossGradient(x, labels), 8, 8, 4);
    }

    @Test
    void normalisationInsideTheClassifierIsPartOfTheGradient() {
        ComputationGraph graph = TinyNetworks.graph(22);
        InputSpec spec = new InputSpec(1, 6, 6, ChannelOrder.NCHW, 0, 255, new double[] {100}, new double[] {50});
        ModelInfo info = new ModelInfo("normalised", "", "", ModelFormat.DL4J_GRAPH, spec, TinyNetworks.CLASSES,
                graph.numParams(), List.of(), true);
        Classifier c = Dl4jClassifier.of(graph, info);
        UnaryOperator<INDArray> z = doubleLogits(graph);
        INDArray x = TinyNetworks.input(10, 1, 1, 6, 6).muli(255);
        INDArray w = marginWeights(1, 3, new int[] {1});
        FiniteDifferences.check(v -> FiniteDifferences.weighted(z.apply(v.sub(100).div(50)), w), x,
                c.logitGradient(x, w), 6, 6, 5);
    }
}

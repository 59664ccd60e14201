package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.model.gradient.UnsupportedGradientException;
import org.advlens.model.load.Classifiers;
import org.advlens.model.load.ModelLoader;
import org.advlens.model.load.ReferenceNetworks;
import org.advlens.model.runtime.ExportedNetworkClassifier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network on the gradient engine that follows its parameters through training: after an optimiser step and a
 * refresh, its logits and input gradients are those of the network's DL4J path on the same live parameters.
 */
class ExportedNetworkFollowingTest {

    private static ModelInfo info(MultiLayerNetwork net) {
        return new ModelInfo("tiny", "memory", "", ModelFormat.DL4J_MULTILAYER, InputSpec.grey(8, 8),
                TinyNetworks.CLASSES, net.numParams(), List.of(), true);
    }

    @Test
    void followsTheParametersAfterEachTrainingStep() throws Exception {
        // given a network, the engine following it, and the DL4J path on the same live parameters
        MultiLayerNetwork net = TinyNetworks.cnn8();
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 8, 8);
        int[] labels = {0, 1, 2, 0, 1, 2};
        try (ExportedNetworkClassifier engine = ExportedNetworkClassifier.following(net, info(net));
             Classifier live = Classifiers.referenceFor(net, info(net))) {
            assertTrue(engine.computePath().onGradientEngine());
            assertTrue(relative(engine.logits(x), live.logits(x)) < 1e-5);
            INDArray before = engine.logits(x);
            // when the network takes a few optimiser steps
            for (int i = 0; i < 3; i++) {
                net.fit(new DataSet(x, Logits.oneHot(labels, 3)));
            }
            // then the engine still computes with the old values until it is refreshed, and with the new after
            assertTrue(relative(engine.logits(x), before) < 1e-6, "the engine changed before a refresh");
            assertTrue(relative(live.logits(x), before) > 1e-4, "training did not move the network");
            engine.refresh();
            assertTrue(relative(engine.logits(x), live.logits(x)) < 1e-5);
            assertTrue(relative(engine.lossGradient(x, labels), live.lossGradient(x, labels)) < 1e-4);
        }
    }

    @Test
    void aSnapshotCannotBeRefreshed() throws Exception {
        try (Classifier loaded = ModelLoader.bundledDefault()) {
            ExportedNetworkClassifier snapshot = org.junit.jupiter.api.Assertions.assertInstanceOf(
                    ExportedNetworkClassifier.class, loaded);
            assertTrue(!snapshot.following());
            IllegalStateException e = assertThrows(IllegalStateException.class, snapshot::refresh);
            assertTrue(e.getMessage().contains("holds a snapshot of its weights"), e.getMessage());
        }
    }

    @Test
    void batchNormStoringLog10StdCannotFollowYet() {
        // the ResNet reference's batch norm layers store log10 of their standard deviation (DL4J's default)
        org.deeplearning4j.nn.graph.ComputationGraph graph = ReferenceNetworks.resnetGraph(1, 3);
        ModelInfo info = new ModelInfo("resnet", "memory", "", ModelFormat.DL4J_GRAPH,
                new InputSpec(3, 32, 32, ChannelOrder.NCHW, 0, 1, null, null),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), graph.numParams(), List.of(), true);
        UnsupportedGradientException e = assertThrows(UnsupportedGradientException.class,
                () -> ExportedNetworkClassifier.following(graph, info));
        assertTrue(e.getMessage().contains("log10"), e.getMessage());
    }

    private static double relative(INDArray a, INDArray b) {
        INDArray ad = a.castTo(DataType.DOUBLE);
        INDArray bd = b.castTo(DataType.DOUBLE);
        return ad.sub(bd).amaxNumber().doubleValue() / Math.max(1e-12, bd.amaxNumber().doubleValue());
    }
}

package org.advlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The mix of manifold mixup by hand, and its backward pass as the exact adjoint of the mix. */
class ManifoldMixingTest {

    private static final LayerWorkspaceMgr NONE = LayerWorkspaceMgr.noWorkspaces();

    @Test
    void mixesEachRowWithItsPartner() {
        INDArray h = Nd4j.create(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        ManifoldMixing mix = new ManifoldMixing(null, 0.75, new int[] {2, 0, 1});
        // row 0 = 0.75 [1, 2] + 0.25 [5, 6]; row 1 = 0.75 [3, 4] + 0.25 [1, 2]; row 2 = 0.75 [5, 6] + 0.25 [3, 4]
        assertArrayEquals(new double[] {2, 3, 2.5, 3.5, 4.5, 5.5},
                mix.preProcess(h, 3, NONE).reshape(6).toDoubleVector(), 1e-12);
    }

    @Test
    void itsBackwardPassIsTheAdjointOfTheMix() {
        // <mix(h), e> = <h, mix^T(e)> for any h and e, which makes the backward pass the mix's exact gradient
        ManifoldMixing mix = new ManifoldMixing(null, 0.3, new int[] {3, 2, 0, 1});
        INDArray h = Nd4j.rand(DataType.DOUBLE, 4, 2, 3, 3);
        INDArray e = Nd4j.rand(DataType.DOUBLE, 4, 2, 3, 3);
        double forward = mix.preProcess(h, 4, NONE).mul(e).sumNumber().doubleValue();
        double backward = h.mul(mix.backprop(e, 4, NONE)).sumNumber().doubleValue();
        assertEquals(forward, backward, 1e-12);
    }

    @Test
    void wrapsTheLayersOwnPreProcessor() {
        ManifoldMixing mix = new ManifoldMixing(new CnnToFeedForwardPreProcessor(2, 2, 1), 0.5, new int[] {1, 0});
        INDArray h = Nd4j.create(new double[] {0, 0, 0, 0, 2, 4, 6, 8}, new long[] {2, 1, 2, 2});
        INDArray out = mix.preProcess(h, 2, NONE);
        assertArrayEquals(new long[] {2, 4}, out.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4}, out.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new long[] {2, 1, 2, 2}, mix.backprop(out, 2, NONE).shape());
    }

    @Test
    void refusesWhatIsNotAMix() {
        assertThrows(IllegalArgumentException.class, () -> new ManifoldMixing(null, 1.5, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new ManifoldMixing(null, 0.5, new int[] {0, 0}));
    }

    @Test
    void aNetworkTrainsThroughTheMixInstalledAtALayer() {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = FashionMnistTrainer.buildNetwork(2, 1e-3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        INDArray y = org.advlens.model.Logits.oneHot(new int[] {0, 1, 2, 3}, 10);
        double plain = score(net, x, y, null);
        // a mix with lambda 1 is the identity; with 0.5 the dense layer sees other inputs and the loss changes
        assertEquals(plain, score(net, x, y, new ManifoldMixing(net.getLayerWiseConfigurations()
                .getInputPreProcess(4), 1, new int[] {3, 2, 1, 0})), 1e-6);
        double mixed = score(net, x, y, new ManifoldMixing(net.getLayerWiseConfigurations().getInputPreProcess(4),
                0.5, new int[] {3, 2, 1, 0}));
        assertEquals(false, Math.abs(mixed - plain) < 1e-4, plain + " vs " + mixed);
    }

    private static double score(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net, INDArray x, INDArray y,
                                ManifoldMixing mix) {
        java.util.Map<Integer, org.deeplearning4j.nn.conf.InputPreProcessor> pre =
                net.getLayerWiseConfigurations().getInputPreProcessors();
        org.deeplearning4j.nn.conf.InputPreProcessor own = pre.get(4);
        if (mix != null) {
            pre.put(4, mix);
        }
        try {
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            return net.score();
        } finally {
            pre.put(4, own);
        }
    }
}

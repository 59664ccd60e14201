package org.advlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Parseval's retraction step by hand, and its pull towards orthonormal rows. */
class ParsevalRetractionTest {

    @Test
    void stepIsTheFormulaOnAHandExample() {
        // W = diag(0.5, 2): W W^T W = diag(0.125, 8); (1.5) W - 0.5 W W^T W = diag(0.6875, -1)
        INDArray w = Nd4j.create(new double[][] {{0.5, 0}, {0, 2}});
        assertArrayEquals(new double[] {0.6875, 0, 0, -1},
                ParsevalRetraction.retract(w, 0.5).reshape(4).toDoubleVector(), 1e-12);
        assertEquals(Math.sqrt(0.75 * 0.75 + 3 * 3), ParsevalRetraction.deviation(w), 1e-12);
    }

    @Test
    void repeatedStepsMakeTheRowsOrthonormal() {
        INDArray w = Nd4j.rand(DataType.DOUBLE, 4, 9).subi(0.5).muli(0.4);
        double start = ParsevalRetraction.deviation(w);
        for (int i = 0; i < 200; i++) {
            w = ParsevalRetraction.retract(w, 0.1);
        }
        assertTrue(start > 0.5, "a random matrix starts far from orthonormal: " + start);
        assertEquals(0, ParsevalRetraction.deviation(w), 1e-6);
    }

    @Test
    void appliesToEveryConvolutionAndDenseLayerOfANetwork() {
        MultiLayerNetwork net = FashionMnistTrainer.buildNetwork(3, 1e-3);
        INDArray conv = net.getLayer(0).getParam("W");
        INDArray dense = net.getLayer(4).getParam("W");
        double convBefore = ParsevalRetraction.deviation(conv.reshape(16, 25));
        double denseBefore = ParsevalRetraction.deviation(dense.transpose());
        for (int i = 0; i < 50; i++) {
            ParsevalRetraction.apply(net, 0.05);
        }
        assertTrue(ParsevalRetraction.deviation(net.getLayer(0).getParam("W").reshape(16, 25)) < convBefore / 2);
        assertTrue(ParsevalRetraction.deviation(net.getLayer(4).getParam("W").transpose()) < denseBefore / 2);
        assertThrows(IllegalArgumentException.class, () -> ParsevalRetraction.apply(net, 0));
        assertThrows(IllegalArgumentException.class, () -> ParsevalRetraction.apply(net, 0.5));
    }
}

package org.advlens.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The distillation formulas by hand, and deployment at temperature 1. */
class DistillationTest {

    @Test
    void softLabelsAreTheSoftmaxOfTheLogitsOverTheTemperature() {
        INDArray z = Nd4j.create(new double[][] {{Math.log(3) * 10, 0}});
        // softmax([ln 3, 0]) = [3/4, 1/4]
        assertArrayEquals(new double[] {0.75, 0.25}, Distillation.softLabels(z, 10).toDoubleVector(), 1e-12);
    }

    @Test
    void lossIsTheCrossEntropyBetweenTheTemperedSoftmaxes() {
        INDArray teacher = Nd4j.create(new double[][] {{Math.log(3) * 2, 0}, {0, 0}});
        INDArray student = Nd4j.create(new double[][] {{0, 0}, {2 * Math.log(4), 0}});
        // row 1: target [3/4, 1/4], student [1/2, 1/2] -> ln 2
        // row 2: target [1/2, 1/2], student [4/5, 1/5] -> -(ln 0.8 + ln 0.2) / 2
        double expected = (Math.log(2) - (Math.log(0.8) + Math.log(0.2)) / 2) / 2;
        assertEquals(expected, Distillation.loss(student, teacher, 2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Distillation.loss(student, teacher, 0));
        assertThrows(IllegalArgumentException.class, () -> Distillation.loss(student, teacher.getRow(0, true), 1));
    }

    @Test
    void deployingMultipliesTheTrainedLogitsByTheTemperature() {
        MultiLayerNetwork net = FashionMnistTrainer.buildNetwork(5, 1e-3);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, 28, 28);
        INDArray before = logits(net, x);
        Distillation.deploy(net, 50);
        INDArray after = logits(net, x);
        assertArrayEquals(before.mul(50).reshape(-1).toDoubleVector(), after.reshape(-1).toDoubleVector(), 1e-3);
        // what the student was fitted on is the deployed model's softmax at the training temperature
        assertArrayEquals(net.output(x).reshape(-1).toDoubleVector(),
                Distillation.softLabels(after, 1).reshape(-1).toDoubleVector(), 1e-5);
        assertArrayEquals(Distillation.softLabels(before, 1).reshape(-1).toDoubleVector(),
                Distillation.softLabels(after, 50).reshape(-1).toDoubleVector(), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Distillation.deploy(net, -1));
    }

    private static INDArray logits(MultiLayerNetwork net, INDArray x) {
        java.util.List<INDArray> acts = net.feedForward(x, false);
        INDArray hidden = acts.get(acts.size() - 2);
        return hidden.mmul(net.getOutputLayer().getParam("W")).addiRowVector(net.getOutputLayer().getParam("b"));
    }
}

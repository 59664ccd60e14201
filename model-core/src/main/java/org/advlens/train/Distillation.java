package org.advlens.train;

import org.advlens.model.Logits;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Defensive distillation (Papernot, McDaniel, Wu, Jha and Swami, "Distillation as a Defense to Adversarial
 * Perturbations against Deep Neural Networks", IEEE S&amp;P 2016). A network trained "at temperature T" fits
 * {@code softmax(F(x) / T)}. Because the last layer is linear, {@code F / T} is itself a linear layer: the trainer
 * fits the network's own output {@code z = F / T} with the usual softmax cross-entropy, the teacher on one-hot
 * labels and the student on the teacher's {@code softmax(z_teacher)}, and {@link #deploy} then multiplies the
 * student's output layer by {@code T}, so the deployed logits are {@code F = T z} and its softmax is the
 * temperature-1 softmax the paper tests. (The paper initialises {@code F}, so its {@code F / T} starts {@code T}
 * times smaller than the network's default initialisation here.)
 *
 * <p>The deployed softmax saturates: the cross-entropy gradient underflows to zero on most correctly classified
 * images, so gradient attacks on the cross-entropy stall while attacks on the logits, such as Carlini and Wagner's
 * ("Towards Evaluating the Robustness of Neural Networks", IEEE S&amp;P 2017), are unaffected.
 */
public final class Distillation {

    private Distillation() {
    }

    /** The soft labels {@code softmax(logits / T)}, row by row. */
    public static INDArray softLabels(INDArray logits, double temperature) {
        checkTemperature(temperature);
        return Logits.softmax(logits.castTo(DataType.DOUBLE).div(temperature)).castTo(logits.dataType());
    }

    /**
     * The distillation loss: the mean over rows of the cross-entropy between the teacher's and the student's
     * softmax at temperature {@code T}, {@code -sum_k softmax(t / T)_k log softmax(s / T)_k}.
     */
    public static double loss(INDArray studentLogits, INDArray teacherLogits, double temperature) {
        checkTemperature(temperature);
        if (!java.util.Arrays.equals(studentLogits.shape(), teacherLogits.shape()) || studentLogits.rank() != 2) {
            throw new IllegalArgumentException("student and teacher logits must both be [n, classes], got "
                    + java.util.Arrays.toString(studentLogits.shape()) + " and "
                    + java.util.Arrays.toString(teacherLogits.shape()));
        }
        double[][] s = studentLogits.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] t = teacherLogits.castTo(DataType.DOUBLE).toDoubleMatrix();
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            double[] target = softmax(t[i], temperature);
            double[] logStudent = Logits.logSoftmax(s[i], temperature);
            for (int k = 0; k < target.length; k++) {
                sum -= target[k] * logStudent[k];
            }
        }
        return sum / s.length;
    }

    /** Multiplies the output layer's weights and bias by {@code T}: the network trained at {@code T} runs at 1. */
    public static void deploy(MultiLayerNetwork student, double temperature) {
        checkTemperature(temperature);
        Layer output = student.getOutputLayer();
        output.getParam("W").muli(temperature);
        output.getParam("b").muli(temperature);
    }

    private static void checkTemperature(double temperature) {
        if (!(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("the distillation temperature must be positive, got " + temperature);
        }
    }

    private static double[] softmax(double[] z, double temperature) {
        double[] log = Logits.logSoftmax(z, temperature);
        for (int k = 0; k < log.length; k++) {
            log[k] = Math.exp(log[k]);
        }
        return log;
    }
}

package org.advlens.eval.ood;

import org.advlens.data.Images;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ODIN (Liang, Li and Srikant, "Enhancing The Reliability of Out-of-distribution Image Detection in Neural
 * Networks", ICLR 2018): temperature scaling and a small input perturbation that raises the top class's softmax
 * score, {@code x' = x - epsilon * sign(-grad_x log S_y(x; T))} with {@code S(x; T) = softmax(z(x) / T)} and
 * {@code y} the predicted class; the score is {@code max S(x'; T)}.
 *
 * <p>The gradient comes from the classifier's gradient engine as the gradient of the weighted logit sum
 * {@code sum_k w_k z_k} with {@code w = (S(x; T) - e_y) / T}, which is {@code -grad_z log S_y(x; T)}. As in the
 * paper and its reference code, the step is taken in the model's pixel space and {@code x'} is not clipped to the
 * input bounds.
 */
public final class Odin {

    /**
     * @param temperature the softmax temperature {@code T > 0}
     * @param epsilon the perturbation size in pixel units, at least 0
     */
    public record Options(double temperature, double epsilon) {
        public Options {
            LogitScores.checkTemperature(temperature);
            if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("ODIN epsilon must be finite and at least 0, got " + epsilon);
            }
        }

        /** The paper's setting for its DenseNet and Wide ResNet: T = 1000, epsilon = 0.0014. */
        public static Options paper() {
            return new Options(1000, 0.0014);
        }
    }

    private Odin() {
    }

    /** The perturbed batch {@code x'}, same shape as {@code x}. */
    public static INDArray preprocess(Classifier model, INDArray x, Options options) {
        INDArray z = model.logits(x);
        int n = (int) x.size(0);
        int k = model.numClasses();
        float[] w = new float[n * k];
        float[][] rows = Logits.rows(z);
        for (int i = 0; i < n; i++) {
            int top = argmax(rows[i]);
            double max = rows[i][top];
            double sum = 0;
            for (float v : rows[i]) {
                sum += Math.exp((v - max) / options.temperature());
            }
            for (int c = 0; c < k; c++) {
                double p = Math.exp((rows[i][c] - max) / options.temperature()) / sum;
                w[i * k + c] = (float) ((p - (c == top ? 1 : 0)) / options.temperature());
            }
        }
        INDArray gradient = model.logitGradient(x, Nd4j.create(w, new long[] {n, k}, 'c'));
        INDArray step = Transforms.sign(gradient.castTo(DataType.FLOAT), true).muli(options.epsilon());
        return x.castTo(DataType.FLOAT).sub(step.reshape(x.shape()));
    }

    /** The ODIN score of every image in the batch. */
    public static double[] scores(Classifier model, Images batch, Options options) {
        INDArray perturbed = options.epsilon() == 0 ? batch.toArray()
                : preprocess(model, batch.toArray(), options);
        float[][] z = Logits.rows(model.logits(perturbed));
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = LogitScores.maxSoftmax(z[i], options.temperature());
        }
        return out;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}

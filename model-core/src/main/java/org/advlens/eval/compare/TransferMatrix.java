package org.advlens.eval.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.ModelInfo;

/**
 * The transfer matrix of N models: adversarial examples crafted with a white-box attack on each model (the
 * source, a row) and classified by every model (the target, a column). Entry (s, t) is the accuracy model t keeps
 * on the examples crafted on model s; the diagonal is each model's own white-box accuracy, the off-diagonal
 * entries say how far the examples transfer. Szegedy et al., "Intriguing properties of neural networks", ICLR
 * 2014, found that adversarial examples transfer between models; Papernot, McDaniel and Goodfellow,
 * "Transferability in Machine Learning", 2016, and Papernot et al., "Practical Black-Box Attacks against Machine
 * Learning", AsiaCCS 2017, measured how much.
 *
 * <p>Every crafted batch goes through {@link AttackRunner}, which projects it onto the epsilon ball, clips it to
 * the bounds and measures it on the source; the same verified images are then handed to the other models. The
 * attack runs with the same parameters, and so the same seed, on every batch, as the robustness curve does, so a
 * run is reproducible. Models are used from the calling thread only.
 */
public final class TransferMatrix implements Job<TransferMatrix.Result> {

    /**
     * @param attack the white-box attack run on each source model
     * @param params its parameters, seed included
     * @param epsilon the budget, in the attack's norm and pixel units, at least 0
     * @param batchSize images per attack call, in [1, 10000]
     */
    public record Options(FixedEpsilonAttack attack, AttackParams params, double epsilon, int batchSize) {
        public Options {
            if (attack == null || params == null) {
                throw new IllegalArgumentException("an attack and its parameters are required");
            }
            if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be finite and at least 0, got " + epsilon);
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batch size must be in [1, 10000], got " + batchSize);
            }
        }
    }

    /**
     * @param models the models, in row and column order
     * @param attack the attack's short name
     * @param params its parameters
     * @param epsilon the budget
     * @param count images evaluated
     * @param cleanCorrect per model: images it classifies correctly without attack
     * @param correct {@code [source][target]}: adversarial examples crafted on the source that the target still
     *     classifies correctly
     */
    public record Result(List<ModelInfo> models, String attack, AttackParams params, double epsilon, int count,
                         int[] cleanCorrect, int[][] correct) {
        public Result {
            int m = models == null ? 0 : models.size();
            if (m < 1) {
                throw new IllegalArgumentException("a transfer matrix needs at least one model");
            }
            if (count < 1) {
                throw new IllegalArgumentException("a transfer matrix needs at least one image, got " + count);
            }
            if (cleanCorrect.length != m || correct.length != m) {
                throw new IllegalArgumentException("expected " + m + " clean counts and " + m + " rows, got "
                        + cleanCorrect.length + " and " + correct.length);
            }
            for (int s = 0; s < m; s++) {
                if (correct[s].length != m) {
                    throw new IllegalArgumentException("row " + s + " has " + correct[s].length + " entries, expected "
                            + m);
                }
                checkCount(cleanCorrect[s], count);
                for (int c : correct[s]) {
                    checkCount(c, count);
                }
            }
            models = List.copyOf(models);
            cleanCorrect = cleanCorrect.clone();
            int[][] copy = new int[m][];
            for (int s = 0; s < m; s++) {
                copy[s] = correct[s].clone();
            }
            correct = copy;
        }

        private static void checkCount(int c, int count) {
            if (c < 0 || c > count) {
                throw new IllegalArgumentException("a count of correct images must be in [0, " + count + "], got "
                        + c);
            }
        }

        public int size() {
            return models.size();
        }

        /** The accuracy of {@code target} on the examples crafted on {@code source}. */
        public double accuracy(int source, int target) {
            return (double) correct[source][target] / count;
        }

        /** Model {@code i}'s own white-box accuracy: the diagonal. */
        public double whiteBoxAccuracy(int i) {
            return accuracy(i, i);
        }

        public double cleanAccuracy(int i) {
            return (double) cleanCorrect[i] / count;
        }

        /** {@code [source][target]} accuracies. */
        public double[][] accuracies() {
            double[][] a = new double[size()][size()];
            for (int s = 0; s < size(); s++) {
                for (int t = 0; t < size(); t++) {
                    a[s][t] = accuracy(s, t);
                }
            }
            return a;
        }

        @Override
        public int[] cleanCorrect() {
            return cleanCorrect.clone();
        }

        @Override
        public int[][] correct() {
            int[][] copy = new int[correct.length][];
            for (int s = 0; s < correct.length; s++) {
                copy[s] = correct[s].clone();
            }
            return copy;
        }
    }

    private final List<Classifier> models;
    private final LabelledDataset data;
    private final Options options;

    public TransferMatrix(List<Classifier> models, LabelledDataset data, Options options) {
        if (models == null || models.isEmpty() || data == null || options == null) {
            throw new IllegalArgumentException("at least one model, the data and the options are required");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("the data set " + data.name() + " holds no images");
        }
        Classifier first = models.get(0);
        for (Classifier c : models) {
            if (!c.inputSpec().equals(first.inputSpec()) || c.numClasses() != first.numClasses()) {
                throw new IllegalArgumentException("every model must take the same input and classes: "
                        + first.info().name() + " takes " + first.inputSpec() + " with " + first.numClasses()
                        + " classes but " + c.info().name() + " takes " + c.inputSpec() + " with " + c.numClasses());
            }
        }
        if (data.images().imageSize() != first.inputSpec().size()) {
            throw new IllegalArgumentException("the data's images have " + data.images().imageSize()
                    + " values, the models take " + first.inputSpec().size());
        }
        this.models = List.copyOf(models);
        this.data = data;
        this.options = options;
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken cancellation) {
        int m = models.size();
        int n = data.size();
        int batch = options.batchSize();
        int batches = (n + batch - 1) / batch;
        int[] clean = new int[m];
        int[][] correct = new int[m][m];
        double[] eps = {options.epsilon()};
        for (int b = 0; b < batches; b++) {
            int from = b * batch;
            int to = Math.min(n, from + batch);
            Images x = data.images().slice(from, to);
            int[] labels = Arrays.copyOfRange(data.labels(), from, to);
            for (int t = 0; t < m; t++) {
                clean[t] += countCorrect(models.get(t).predict(x.toArray()), labels);
            }
            for (int s = 0; s < m; s++) {
                cancellation.throwIfCancelled();
                Classifier source = models.get(s);
                AttackOutcome crafted = AttackRunner.run(options.attack(), source, x, labels, eps, options.params(),
                        cancellation).get(0);
                for (int t = 0; t < m; t++) {
                    int[] predicted = t == s ? crafted.predictions()
                            : models.get(t).predict(crafted.adversarial().toArray());
                    correct[s][t] += countCorrect(predicted, labels);
                }
                progress.onProgress((double) (b * m + s + 1) / (batches * m), String.format(Locale.ROOT,
                        "%s on %s: %d/%d images", options.attack().name(), source.info().name(), to, n));
            }
        }
        List<ModelInfo> infos = new ArrayList<>(m);
        for (Classifier c : models) {
            infos.add(c.info());
        }
        return new Result(infos, options.attack().name(), options.params(), options.epsilon(), n, clean, correct);
    }

    private static int countCorrect(int[] predicted, int[] labels) {
        int c = 0;
        for (int i = 0; i < labels.length; i++) {
            c += predicted[i] == labels[i] ? 1 : 0;
        }
        return c;
    }
}

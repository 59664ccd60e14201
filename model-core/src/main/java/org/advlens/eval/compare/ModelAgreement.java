package org.advlens.eval.compare;

import java.util.Arrays;
import java.util.Locale;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.ModelInfo;

/**
 * How often two models predict the same class on a data set, the chance-corrected agreement (Cohen's kappa:
 * Cohen, "A Coefficient of Agreement for Nominal Scales", Educational and Psychological Measurement, 1960), and
 * the images on which they disagree. Forward passes run in batches with progress and cancellation; models are
 * used from the calling thread only.
 */
public final class ModelAgreement implements Job<ModelAgreement.Result> {

    /**
     * @param first the first model
     * @param second the second model
     * @param labels the data's labels
     * @param firstPredicted the first model's prediction per image
     * @param secondPredicted the second model's prediction per image
     * @param classes the number of classes
     */
    public record Result(ModelInfo first, ModelInfo second, int[] labels, int[] firstPredicted,
                         int[] secondPredicted, int classes) {
        public Result {
            if (first == null || second == null) {
                throw new IllegalArgumentException("both models are required");
            }
            if (labels.length == 0 || firstPredicted.length != labels.length
                    || secondPredicted.length != labels.length) {
                throw new IllegalArgumentException("expected one label and two predictions per image, got "
                        + labels.length + ", " + firstPredicted.length + " and " + secondPredicted.length);
            }
            if (classes < 1) {
                throw new IllegalArgumentException("the number of classes must be positive, got " + classes);
            }
            for (int i = 0; i < labels.length; i++) {
                checkClass(firstPredicted[i], classes);
                checkClass(secondPredicted[i], classes);
            }
            labels = labels.clone();
            firstPredicted = firstPredicted.clone();
            secondPredicted = secondPredicted.clone();
        }

        private static void checkClass(int c, int classes) {
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("a predicted class must be in [0, " + classes + "), got " + c);
            }
        }

        public int count() {
            return labels.length;
        }

        /** Images on which both models predict the same class. */
        public int agreements() {
            int a = 0;
            for (int i = 0; i < labels.length; i++) {
                a += firstPredicted[i] == secondPredicted[i] ? 1 : 0;
            }
            return a;
        }

        /** The observed agreement p_o. */
        public double agreementRate() {
            return (double) agreements() / labels.length;
        }

        /**
         * Cohen's kappa, {@code (p_o - p_e) / (1 - p_e)} with {@code p_e = sum_k p1(k) p2(k)} the agreement
         * expected from the two models' class frequencies alone; 1 when both always predict the same single
         * class (p_e = 1).
         */
        public double kappa() {
            double[] f1 = new double[classes];
            double[] f2 = new double[classes];
            for (int i = 0; i < labels.length; i++) {
                f1[firstPredicted[i]]++;
                f2[secondPredicted[i]]++;
            }
            double n = labels.length;
            double expected = 0;
            for (int k = 0; k < classes; k++) {
                expected += (f1[k] / n) * (f2[k] / n);
            }
            double observed = agreementRate();
            return expected >= 1 ? 1 : (observed - expected) / (1 - expected);
        }

        public double firstAccuracy() {
            return accuracy(firstPredicted);
        }

        public double secondAccuracy() {
            return accuracy(secondPredicted);
        }

        private double accuracy(int[] predicted) {
            int c = 0;
            for (int i = 0; i < labels.length; i++) {
                c += predicted[i] == labels[i] ? 1 : 0;
            }
            return (double) c / labels.length;
        }

        /**
         * Images by outcome: {@code [0]} both right, {@code [1]} only the first right, {@code [2]} only the second
         * right, {@code [3]} both wrong.
         */
        public int[] outcomes() {
            int[] o = new int[4];
            for (int i = 0; i < labels.length; i++) {
                boolean a = firstPredicted[i] == labels[i];
                boolean b = secondPredicted[i] == labels[i];
                o[a ? (b ? 0 : 1) : (b ? 2 : 3)]++;
            }
            return o;
        }

        /** Indices into the data of the images on which the two predictions differ, ascending. */
        public int[] disagreements() {
            int[] out = new int[labels.length - agreements()];
            for (int i = 0, j = 0; i < labels.length; i++) {
                if (firstPredicted[i] != secondPredicted[i]) {
                    out[j++] = i;
                }
            }
            return out;
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }

        @Override
        public int[] firstPredicted() {
            return firstPredicted.clone();
        }

        @Override
        public int[] secondPredicted() {
            return secondPredicted.clone();
        }
    }

    private final Classifier first;
    private final Classifier second;
    private final LabelledDataset data;
    private final int batchSize;

    public ModelAgreement(Classifier first, Classifier second, LabelledDataset data, int batchSize) {
        if (first == null || second == null || data == null) {
            throw new IllegalArgumentException("two models and the data are required");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("the data set " + data.name() + " holds no images");
        }
        if (!first.inputSpec().equals(second.inputSpec()) || first.numClasses() != second.numClasses()) {
            throw new IllegalArgumentException("both models must take the same input and classes: "
                    + first.info().name() + " takes " + first.inputSpec() + " with " + first.numClasses()
                    + " classes but " + second.info().name() + " takes " + second.inputSpec() + " with "
                    + second.numClasses());
        }
        if (data.images().imageSize() != first.inputSpec().size()) {
            throw new IllegalArgumentException("the data's images have " + data.images().imageSize()
                    + " values, the models take " + first.inputSpec().size());
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batch size must be in [1, 100000], got " + batchSize);
        }
        this.first = first;
        this.second = second;
        this.data = data;
        this.batchSize = batchSize;
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken cancellation) {
        int n = data.size();
        int[] a = new int[n];
        int[] b = new int[n];
        for (int from = 0; from < n; from += batchSize) {
            cancellation.throwIfCancelled();
            int to = Math.min(n, from + batchSize);
            var x = data.images().slice(from, to).toArray();
            System.arraycopy(first.predict(x), 0, a, from, to - from);
            System.arraycopy(second.predict(x), 0, b, from, to - from);
            progress.onProgress((double) to / n, String.format(Locale.ROOT, "predictions %d/%d images", to, n));
        }
        return new Result(first.info(), second.info(), Arrays.copyOf(data.labels(), n), a, b, first.numClasses());
    }
}

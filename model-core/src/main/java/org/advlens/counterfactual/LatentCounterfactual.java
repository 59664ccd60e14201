package org.advlens.counterfactual;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advlens.data.FashionMnist;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * On-manifold counterfactuals, in the spirit of Dombrowski, Gerken, Müller and Kessel, "Diffeomorphic
 * Counterfactuals with Generative Models", IEEE TPAMI 2023 (arXiv 2206.05075, 2022): encode the image with a
 * generative model, run gradient descent on the target class's cross-entropy <em>in the model's code</em>,
 * {@code CE(classifier(decode(z)), target) + latentWeight * |z - z0|^2 / s^2}, and decode. The result is always
 * something the generative model can produce, so it stays near the data manifold. The gradient with respect to the
 * code is the classifier's pixel gradient pulled back through the decoder ({@link Autoencoder#latentGradient}).
 *
 * <p>Steps use Adam (Kingma and Ba, 2015) with a step size relative to the code's scale {@code s} (the RMS of the
 * original's code), so the setting does not depend on how the autoencoder happened to scale its code. The path
 * starts at the original's reconstruction {@code decode(encode(x))}.
 *
 * <p>Prototype guidance (Van Looveren and Klaise, "Interpretable Counterfactual Explanations Guided by Prototypes",
 * ECML PKDD 2021): for classifiers with the Fashion-MNIST classes, the loss also has
 * {@code prototypeWeight * |z - p_t|^2 / s^2}, where {@code p_t} is the mean code of the
 * {@code prototypeNeighbours} bundled reference images ({@link ReferenceSet#bundled}) of the target class
 * nearest the original's code. Without it the search, on an undefended classifier, reaches the target with a code
 * change that a person does not see as the target class (or, with large steps, with blotchy non-garments).
 */
public final class LatentCounterfactual extends IterativeCounterfactual {

    /** Name used in files and reports. */
    public static final String NAME = "latent";

    /**
     * Settings.
     *
     * @param confidence stop when the target probability reaches this, in (0, 1)
     * @param latentWeight weight of the squared code distance to the original's code, at least 0
     * @param stepSize Adam step size as a fraction of the code's RMS, in (0, 10]
     * @param maxSteps most steps per image, in [1, 100000]
     * @param pathPoints about how many intermediate images to keep, in [2, 1000]
     * @param batchSize images optimised together, in [1, 4096]
     * @param prototypeWeight weight of the squared code distance to the target-class prototype, at least 0 (0: off)
     * @param prototypeNeighbours how many target-class reference codes nearest the original's code are averaged
     *     into the prototype, in [1, 1000]
     */
    public record Options(double confidence, double latentWeight, double stepSize, int maxSteps, int pathPoints,
                          int batchSize, double prototypeWeight, int prototypeNeighbours) implements SearchSettings {

        public Options {
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
            }
            if (!(latentWeight >= 0) || Double.isInfinite(latentWeight)) {
                throw new IllegalArgumentException("latentWeight must be finite and >= 0, got " + latentWeight);
            }
            if (!(stepSize > 0 && stepSize <= 10)) {
                throw new IllegalArgumentException("stepSize must be in (0, 10], got " + stepSize);
            }
            if (maxSteps < 1 || maxSteps > 100_000) {
                throw new IllegalArgumentException("maxSteps must be in [1, 100000], got " + maxSteps);
            }
            if (pathPoints < 2 || pathPoints > 1000) {
                throw new IllegalArgumentException("pathPoints must be in [2, 1000], got " + pathPoints);
            }
            if (batchSize < 1 || batchSize > 4096) {
                throw new IllegalArgumentException("batchSize must be in [1, 4096], got " + batchSize);
            }
            if (!(prototypeWeight >= 0) || Double.isInfinite(prototypeWeight)) {
                throw new IllegalArgumentException("prototypeWeight must be finite and >= 0, got "
                        + prototypeWeight);
            }
            if (prototypeNeighbours < 1 || prototypeNeighbours > 1000) {
                throw new IllegalArgumentException("prototypeNeighbours must be in [1, 1000], got "
                        + prototypeNeighbours);
            }
        }

        /** Settings without prototype guidance. */
        public Options(double confidence, double latentWeight, double stepSize, int maxSteps, int pathPoints,
                       int batchSize) {
            this(confidence, latentWeight, stepSize, maxSteps, pathPoints, batchSize, 0, DEFAULT_PROTOTYPE_NEIGHBOURS);
        }

        public static Options defaults() {
            return new Options(DEFAULT_CONFIDENCE, DEFAULT_LATENT_WEIGHT, DEFAULT_STEP_SIZE, 400, 10, 64,
                    DEFAULT_PROTOTYPE_WEIGHT, DEFAULT_PROTOTYPE_NEIGHBOURS);
        }

        public Options withConfidence(double v) {
            return new Options(v, latentWeight, stepSize, maxSteps, pathPoints, batchSize, prototypeWeight,
                    prototypeNeighbours);
        }

        public Options withLatentWeight(double v) {
            return new Options(confidence, v, stepSize, maxSteps, pathPoints, batchSize, prototypeWeight,
                    prototypeNeighbours);
        }

        public Options withStepSize(double v) {
            return new Options(confidence, latentWeight, v, maxSteps, pathPoints, batchSize, prototypeWeight,
                    prototypeNeighbours);
        }

        public Options withMaxSteps(int v) {
            return new Options(confidence, latentWeight, stepSize, v, pathPoints, batchSize, prototypeWeight,
                    prototypeNeighbours);
        }

        public Options withPathPoints(int v) {
            return new Options(confidence, latentWeight, stepSize, maxSteps, v, batchSize, prototypeWeight,
                    prototypeNeighbours);
        }

        public Options withBatchSize(int v) {
            return new Options(confidence, latentWeight, stepSize, maxSteps, pathPoints, v, prototypeWeight,
                    prototypeNeighbours);
        }

        public Options withPrototypeNeighbours(int v) {
            return new Options(confidence, latentWeight, stepSize, maxSteps, pathPoints, batchSize, prototypeWeight,
                    v);
        }

        public Options withPrototypeWeight(double v) {
            return new Options(confidence, latentWeight, stepSize, maxSteps, pathPoints, batchSize, v,
                    prototypeNeighbours);
        }
    }

    /** Default confidence. */
    public static final double DEFAULT_CONFIDENCE = 0.999;
    /** Default weight of the code distance to the original. */
    public static final double DEFAULT_LATENT_WEIGHT = 0.01;
    /** Default Adam step, as a fraction of the code RMS. */
    public static final double DEFAULT_STEP_SIZE = 0.3;
    /** Default weight of the code distance to the target-class prototype. */
    public static final double DEFAULT_PROTOTYPE_WEIGHT = 10;
    /** Default number of nearest target-class reference codes averaged into the prototype. */
    public static final int DEFAULT_PROTOTYPE_NEIGHBOURS = 20;

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private final Autoencoder autoencoder;
    private final Options options;

    public LatentCounterfactual(Autoencoder autoencoder) {
        this(autoencoder, Options.defaults());
    }

    public LatentCounterfactual(Autoencoder autoencoder, Options options) {
        if (autoencoder == null || options == null) {
            throw new IllegalArgumentException("an autoencoder and options are required");
        }
        this.autoencoder = autoencoder;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    public Autoencoder autoencoder() {
        return autoencoder;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "On-manifold counterfactual (latent gradient descent)";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("confidence", options.confidence());
        p.put("latent_weight", options.latentWeight());
        p.put("step_size", options.stepSize());
        p.put("max_steps", options.maxSteps());
        p.put("prototype_weight", options.prototypeWeight());
        p.put("prototype_neighbours", options.prototypeNeighbours());
        p.put("generator", autoencoder.source());
        p.put("generator_sha256", autoencoder.sha256());
        p.put("latent_size", autoencoder.latentSize());
        return p;
    }

    @Override
    SearchSettings settings() {
        return options;
    }

    @Override
    Search begin(Classifier model, float[][] x, int[] targets) {
        InputSpec m = model.inputSpec();
        InputSpec g = autoencoder.inputSpec();
        if (m.channels() != g.channels() || m.height() != g.height() || m.width() != g.width()
                || m.lower() != g.lower() || m.upper() != g.upper()) {
            throw new IllegalArgumentException("the generative model was trained for inputs " + g
                    + " but the classifier expects " + m + "; train one for this model with advlens train-generator");
        }
        return new LatentSearch(x, m, prototypes(model, x, targets));
    }

    private double[][] referenceCodes;
    private int[] referenceLabels;

    /**
     * The prototype of each row's target class (Van Looveren and Klaise, "Interpretable Counterfactual Explanations
     * Guided by Prototypes", 2021): the mean code of the {@code prototypeNeighbours} bundled reference images of
     * that class whose codes are nearest the row's code. {@code null} when prototype guidance is off or the model's
     * classes are not the bundled Fashion-MNIST ones.
     */
    private double[][] prototypes(Classifier model, float[][] x, int[] targets) {
        if (options.prototypeWeight() <= 0 || !FashionMnist.CLASS_NAMES.equals(model.classNames())) {
            return null;
        }
        if (referenceCodes == null) {
            try {
                ReferenceSet ref = ReferenceSet.bundled(model.inputSpec());
                referenceCodes = autoencoder.encode(ref.data().images().toArray()).toDoubleMatrix();
                referenceLabels = ref.data().labels();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read the bundled reference images: " + e.getMessage(), e);
            }
        }
        double[][] z = autoencoder.encode(stack(x, model.inputSpec())).toDoubleMatrix();
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            List<double[]> scored = new ArrayList<>();
            for (int r = 0; r < referenceCodes.length; r++) {
                if (referenceLabels[r] == targets[i]) {
                    double d = 0;
                    for (int j = 0; j < z[i].length; j++) {
                        double e = referenceCodes[r][j] - z[i][j];
                        d += e * e;
                    }
                    scored.add(new double[] {d, r});
                }
            }
            if (scored.isEmpty()) {
                continue;
            }
            scored.sort((a, b) -> Double.compare(a[0], b[0]));
            int k = Math.min(options.prototypeNeighbours(), scored.size());
            out[i] = new double[z[i].length];
            for (int n = 0; n < k; n++) {
                double[] c = referenceCodes[(int) scored.get(n)[1]];
                for (int j = 0; j < c.length; j++) {
                    out[i][j] += c[j] / k;
                }
            }
        }
        return out;
    }

    private final class LatentSearch implements Search {
        private final double[][] z0;
        private final double[][] z;
        private final double[][] previous;
        private final double[][] m;
        private final double[][] v;
        private final int[] t;
        private final double[] scale;
        private final InputSpec spec;
        private final double[][] prototypes;

        LatentSearch(float[][] x, InputSpec spec, double[][] prototypes) {
            this.spec = spec;
            this.prototypes = prototypes;
            int n = x.length;
            INDArray codes = autoencoder.encode(stack(x, spec));
            z0 = codes.toDoubleMatrix();
            z = new double[n][];
            previous = new double[n][];
            m = new double[n][];
            v = new double[n][];
            t = new int[n];
            scale = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = z0[i].clone();
                previous[i] = z0[i].clone();
                m[i] = new double[z0[i].length];
                v[i] = new double[z0[i].length];
                double sq = 0;
                for (double c : z0[i]) {
                    sq += c * c;
                }
                scale[i] = Math.max(1e-3, Math.sqrt(sq / z0[i].length));
            }
        }

        @Override
        public float[][] images(int[] rows) {
            double[][] codes = new double[rows.length][];
            for (int k = 0; k < rows.length; k++) {
                codes[k] = z[rows[k]];
            }
            return decode(codes);
        }

        @Override
        public void step(int[] rows, float[][] lossGradient) {
            double[][] codes = new double[rows.length][];
            for (int k = 0; k < rows.length; k++) {
                codes[k] = z[rows[k]];
            }
            INDArray gz = autoencoder.latentGradient(Nd4j.createFromArray(codes).castTo(
                    org.nd4j.linalg.api.buffer.DataType.FLOAT), stack(lossGradient, spec));
            double[][] grad = gz.toDoubleMatrix();
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                previous[i] = z[i].clone();
                t[i]++;
                double s = scale[i];
                double lr = options.stepSize() * s;
                double c1 = 1 - Math.pow(BETA1, t[i]);
                double c2 = 1 - Math.pow(BETA2, t[i]);
                for (int j = 0; j < z[i].length; j++) {
                    double g = grad[k][j] + 2 * options.latentWeight() * (z[i][j] - z0[i][j]) / (s * s);
                    if (prototypes != null && prototypes[i] != null) {
                        g += 2 * options.prototypeWeight() * (z[i][j] - prototypes[i][j]) / (s * s);
                    }
                    m[i][j] = BETA1 * m[i][j] + (1 - BETA1) * g;
                    v[i][j] = BETA2 * v[i][j] + (1 - BETA2) * g * g;
                    z[i][j] -= lr * (m[i][j] / c1) / (Math.sqrt(v[i][j] / c2) + ADAM_EPSILON);
                }
            }
        }

        @Override
        public float[] between(int row, double fraction) {
            double[] code = new double[z[row].length];
            for (int j = 0; j < code.length; j++) {
                code[j] = previous[row][j] + fraction * (z[row][j] - previous[row][j]);
            }
            return decode(new double[][] {code})[0];
        }

        private float[][] decode(double[][] codes) {
            INDArray x = autoencoder.decode(Nd4j.createFromArray(codes));
            return unstack(x, codes.length, spec.size());
        }
    }

    private static INDArray stack(float[][] rows, InputSpec spec) {
        return IterativeCounterfactual.stack(rows, new org.advlens.data.Images(new float[spec.size()], 1,
                spec.channels(), spec.height(), spec.width()));
    }
}

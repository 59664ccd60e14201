package org.advlens.eval.boundary;

import org.advlens.attack.SeededNoise;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.FloatArrays;
import org.advlens.model.InputSpec;
import org.advlens.model.Logits;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The linearity view that explains FGSM: the logits of {@code x + eps.d} as {@code eps} sweeps a range, for
 * {@code d = sign(grad_x loss)} and for a random sign vector of the same L-inf norm. Goodfellow et al.,
 * "Explaining and Harnessing Adversarial Examples" (2015), Figure 4: the logits move nearly linearly along the
 * adversarial direction, and barely along the random one.
 */
public final class LogitLinearity implements Job<LinearityResult> {

    private static final int BATCH = 256;

    private final Classifier model;
    private final float[] x;
    private final int label;
    private final LinearitySpec spec;

    /**
     * @param x one image, row-major {@code [c, h, w]} in pixel space
     * @param label the class for the loss gradient; {@code -1} uses the model's prediction
     */
    public LogitLinearity(Classifier model, float[] x, int label, LinearitySpec spec) {
        if (model == null || spec == null) {
            throw new IllegalArgumentException("model and sweep are required");
        }
        if (x == null || x.length != model.inputSpec().size()) {
            throw new IllegalArgumentException("the image needs " + model.inputSpec().size() + " values, got "
                    + (x == null ? "none" : x.length));
        }
        if (label < -1 || label >= model.numClasses()) {
            throw new IllegalArgumentException("label must be -1 or a class index below " + model.numClasses()
                    + ", got " + label);
        }
        this.model = model;
        this.x = x.clone();
        this.label = label;
        this.spec = spec;
    }

    @Override
    public LinearityResult run(ProgressListener progress, CancellationToken cancellation) {
        InputSpec in = model.inputSpec();
        var batch = Nd4j.create(x.clone(), in.shape(1), 'c');
        int target = label >= 0 ? label : model.predict(batch)[0];
        float[] g = FloatArrays.of(model.lossGradient(batch, new int[] {target}));
        float[] adversarial = new float[x.length];
        boolean any = false;
        for (int i = 0; i < x.length; i++) {
            adversarial[i] = Math.signum(g[i]);
            any |= g[i] != 0;
        }
        if (!any) {
            throw new IllegalArgumentException("the loss gradient is zero at this image, so FGSM has no direction");
        }
        float[] random = FloatArrays.of(new SeededNoise(spec.seed()).uniform(x.length));
        for (int i = 0; i < random.length; i++) {
            random[i] = random[i] < 0.5f ? -1f : 1f;
        }
        int points = spec.points();
        float[][] adv = sweep(adversarial, in, progress, cancellation, 0);
        float[][] rnd = sweep(random, in, progress, cancellation, 1);
        double[] eps = new double[points];
        for (int k = 0; k < points; k++) {
            eps[k] = spec.epsilon(k);
        }
        return new LinearityResult(model.info().name(), model.classNames(), target, eps, adv, rnd, spec);
    }

    private float[][] sweep(float[] d, InputSpec in, ProgressListener progress, CancellationToken cancellation,
                            int half) {
        int points = spec.points();
        float[][] out = new float[points][];
        for (int from = 0; from < points; from += BATCH) {
            cancellation.throwIfCancelled();
            int to = Math.min(points, from + BATCH);
            float[] xs = new float[(to - from) * x.length];
            for (int k = from; k < to; k++) {
                double e = spec.epsilon(k);
                int off = (k - from) * x.length;
                for (int i = 0; i < x.length; i++) {
                    double p = x[i] + e * d[i];
                    if (spec.clip()) {
                        p = Math.min(in.upper(), Math.max(in.lower(), p));
                    }
                    xs[off + i] = (float) p;
                }
            }
            float[][] z = Logits.rows(model.logits(Nd4j.create(xs, in.shape(to - from), 'c')));
            System.arraycopy(z, 0, out, from, to - from);
            progress.onProgress((half * points + to) / (2.0 * points),
                    (half == 0 ? "adversarial" : "random") + " direction " + to + "/" + points);
        }
        return out;
    }
}

package org.advlens.eval.boundary;

import java.util.List;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.SeededNoise;
import org.advlens.attack.catalog.Attacks;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.PixelCounterfactual;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.FloatArrays;
import org.advlens.model.InputSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the unit directions of a decision plane in pixel space: the loss gradient, an attack's perturbation, the
 * change to a counterfactual or a seeded Gaussian, each normalised to unit L2 length, then {@code v} made orthogonal to {@code u} by one
 * Gram-Schmidt step. Directions along which the image cannot move are rejected with a clear message.
 *
 * <p>Adversarial directions as plane axes follow Goodfellow et al., "Explaining and Harnessing Adversarial
 * Examples" (2015), and the adversarial-versus-random slices of Tramer et al., "The Space of Transferable
 * Adversarial Examples" (2017).
 */
public final class PlaneDirections {

    /** {@code v} is rejected as parallel to {@code u} when less than this fraction of it is left after projection. */
    static final double PARALLEL_TOLERANCE = 1e-4;

    private PlaneDirections() {
    }

    /**
     * @param x one image, row-major {@code [c, h, w]} in pixel space
     * @param label the class to take the gradient and attacks against; {@code -1} uses the model's prediction
     * @param epsilon the budget whose ball the views outline
     */
    public static Plane build(Classifier model, float[] x, int label, DirectionSpec u, DirectionSpec v,
                              double epsilon, org.advlens.attack.Norm norm, CancellationToken cancellation) {
        InputSpec spec = model.inputSpec();
        if (x == null || x.length != spec.size()) {
            throw new IllegalArgumentException("the image needs " + spec.size() + " values for " + spec + ", got "
                    + (x == null ? "none" : x.length));
        }
        if (u == null || v == null) {
            throw new IllegalArgumentException("both directions are required");
        }
        if (label < -1 || label >= model.numClasses()) {
            throw new IllegalArgumentException("label must be -1 or a class index below " + model.numClasses()
                    + ", got " + label);
        }
        INDArray batch = Nd4j.create(x.clone(), spec.shape(1), 'c');
        int target = label >= 0 ? label : model.predict(batch)[0];
        float[][] adv = new float[2][];
        float[] du = direction(model, x, batch, target, u, cancellation, adv, 0);
        cancellation.throwIfCancelled();
        float[] dv = direction(model, x, batch, target, v, cancellation, adv, 1);
        float[] w = orthogonalise(du, dv);
        double[] adversarialCoordinates = null;
        float[] delta = adv[0] != null ? adv[0] : adv[1];
        if (delta != null) {
            adversarialCoordinates = new double[] {Plane.dot(delta, du), Plane.dot(delta, w)};
        }
        return new Plane(x, du, w, spec.channels(), spec.height(), spec.width(), u.label(), v.label(), target,
                adversarialCoordinates, epsilon, norm);
    }

    /**
     * One Gram-Schmidt step: {@code v - (v.u) u}, normalised.
     *
     * @throws IllegalArgumentException if {@code v} is (nearly) parallel to {@code u}
     */
    public static float[] orthogonalise(float[] u, float[] v) {
        if (u.length != v.length) {
            throw new IllegalArgumentException("directions differ in size: " + u.length + " and " + v.length);
        }
        double uu = Plane.dot(u, u);
        double vv = Plane.dot(v, v);
        if (!(uu > 0) || !(vv > 0)) {
            throw new IllegalArgumentException("a plane direction is zero");
        }
        double k = Plane.dot(v, u) / uu;
        double[] w = new double[v.length];
        double ww = 0;
        for (int i = 0; i < v.length; i++) {
            w[i] = v[i] - k * u[i];
            ww += w[i] * w[i];
        }
        if (Math.sqrt(ww) < PARALLEL_TOLERANCE * Math.sqrt(vv)) {
            throw new IllegalArgumentException("the two directions are parallel (cosine "
                    + String.format(java.util.Locale.ROOT, "%.6f", Plane.dot(u, v) / Math.sqrt(uu * vv))
                    + "): choose a different v, e.g. a random direction or another seed");
        }
        float[] out = new float[v.length];
        double n = Math.sqrt(ww);
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (w[i] / n);
        }
        return out;
    }

    /** {@code d / |d|_2}; an error naming {@code what} if d is zero. */
    public static float[] normalise(float[] d, String what) {
        double n = Math.sqrt(Plane.dot(d, d));
        if (!(n > 1e-12) || !Double.isFinite(n)) {
            throw new IllegalArgumentException(what + " is zero at this image, so it gives no direction");
        }
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) (d[i] / n);
        }
        return out;
    }

    /** The loss gradient at {@code x} for {@code label}, normalised to unit L2 length. */
    public static float[] gradientDirection(Classifier model, float[] x, int label) {
        INDArray batch = Nd4j.create(x.clone(), model.inputSpec().shape(1), 'c');
        return normalise(FloatArrays.of(model.lossGradient(batch, new int[] {label})), "the loss gradient");
    }

    /** A seeded Gaussian direction of unit L2 length. */
    public static float[] randomDirection(int size, long seed) {
        return normalise(FloatArrays.of(new SeededNoise(seed).gaussian(size)), "the random direction");
    }

    /**
     * The unit direction from {@code x} to its pixel-space counterfactual of class {@code target} (the runner-up
     * class when {@code -1}), found with the default {@link PixelCounterfactual} search.
     *
     * @throws IllegalArgumentException if the target is the model's own prediction or out of range
     */
    public static float[] counterfactualDirection(Classifier model, float[] x, INDArray batch, int target,
                                                  CancellationToken cancellation) {
        float[] logits = FloatArrays.of(model.logits(batch));
        int predicted = 0;
        for (int k = 1; k < logits.length; k++) {
            predicted = logits[k] > logits[predicted] ? k : predicted;
        }
        int goal = target;
        if (goal < 0) {
            goal = predicted == 0 ? 1 : 0;
            for (int k = 0; k < logits.length; k++) {
                goal = k != predicted && logits[k] > logits[goal] ? k : goal;
            }
        }
        if (goal >= model.numClasses()) {
            throw new IllegalArgumentException("counterfactual class " + goal + " is not below the model's "
                    + model.numClasses() + " classes");
        }
        if (goal == predicted) {
            throw new IllegalArgumentException("the counterfactual class " + goal + " is already the model's "
                    + "prediction: choose another class");
        }
        InputSpec spec = model.inputSpec();
        Images image = new Images(x.clone(), 1, spec.channels(), spec.height(), spec.width());
        Counterfactual c = new PixelCounterfactual().explain(model, image, new int[] {goal}, ProgressListener.NONE,
                cancellation).get(0);
        float[] moved = c.counterfactual().pixels();
        float[] delta = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            delta[i] = moved[i] - x[i];
        }
        return normalise(delta, "the change to the counterfactual");
    }

    private static float[] direction(Classifier model, float[] x, INDArray batch, int label, DirectionSpec d,
                                     CancellationToken cancellation, float[][] adv, int slot) {
        return switch (d.kind()) {
            case GRADIENT -> normalise(FloatArrays.of(model.lossGradient(batch, new int[] {label})),
                    "the loss gradient");
            case RANDOM -> randomDirection(x.length, d.seed());
            case COUNTERFACTUAL -> counterfactualDirection(model, x, batch, d.target(), cancellation);
            case ATTACK -> {
                FixedEpsilonAttack attack = Attacks.byName(d.attack());
                AttackParams params = AttackParams.defaults().withNorm(d.norm()).withSeed(d.seed());
                List<AttackOutcome> outcome = AttackRunner.run(attack, model, batch, new int[] {label},
                        new double[] {d.epsilon()}, params, cancellation);
                float[] advPixels = outcome.get(0).adversarial().pixels();
                float[] delta = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    delta[i] = advPixels[i] - x[i];
                }
                adv[slot] = delta;
                yield normalise(delta, "the " + d.attack() + " perturbation");
            }
        };
    }
}

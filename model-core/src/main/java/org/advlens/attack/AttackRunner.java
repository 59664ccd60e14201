package org.advlens.attack;

import java.util.ArrayList;
import java.util.List;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.FloatArrays;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an attack and verifies what it returns: projects every candidate onto the epsilon ball and clips it
 * to the model's bounds (counting any example that needed it), then measures the norms and the success on
 * the model itself. Nothing an attack claims is trusted.
 */
public final class AttackRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AttackRunner.class);

    private AttackRunner() {
    }

    public static List<AttackOutcome> run(FixedEpsilonAttack attack, Classifier model, Images images, int[] labels,
                                          double[] epsilons, AttackParams params, CancellationToken cancellation) {
        return run(attack, model, images.toArray(), labels, epsilons, params, cancellation);
    }

    public static List<AttackOutcome> run(FixedEpsilonAttack attack, Classifier model, INDArray x, int[] labels,
                                          double[] epsilons, AttackParams params, CancellationToken cancellation) {
        return run(attack, model, x, labels, 0, epsilons, params, cancellation);
    }

    /**
     * Runs the attack on the examples at data-set indices {@code first, first + 1, ...} (see
     * {@link FixedEpsilonAttack#run(Classifier, INDArray, int[], long, double[], AttackParams, CancellationToken)}
     * for how the index seeds the attack), then verifies what it returns.
     */
    public static List<AttackOutcome> run(FixedEpsilonAttack attack, Classifier model, INDArray x, int[] labels,
                                          long first, double[] epsilons, AttackParams params,
                                          CancellationToken cancellation) {
        INDArray[] candidates = attack.run(model, x, labels, first, epsilons, params, cancellation);
        if (candidates.length != epsilons.length) {
            throw new IllegalStateException(attack.name() + " returned " + candidates.length + " results for "
                    + epsilons.length + " epsilons");
        }
        List<AttackOutcome> out = new ArrayList<>(epsilons.length);
        for (int e = 0; e < epsilons.length; e++) {
            out.add(verify(attack.name(), model, x, labels, epsilons[e], params, candidates[e]));
        }
        return out;
    }

    /** Projects, clips and measures one candidate batch. Visible for engine code that runs attacks itself. */
    public static AttackOutcome verify(String name, Classifier model, INDArray x, int[] labels, double epsilon,
                                       AttackParams params, INDArray candidate) {
        if (!java.util.Arrays.equals(candidate.shape(), x.shape())) {
            throw new IllegalStateException(name + " returned shape " + java.util.Arrays.toString(candidate.shape())
                    + " for inputs " + java.util.Arrays.toString(x.shape()));
        }
        double lower = model.inputSpec().lower();
        double upper = model.inputSpec().upper();
        int n = (int) x.size(0);
        int size = (int) (x.length() / Math.max(1, n));
        float[] clean = FloatArrays.of(x);
        float[] claimed = FloatArrays.of(candidate);
        float[] adv = claimed.clone();
        PerturbationSteps.projectAndClip(adv, clean, epsilon, params.norm(), lower, upper, size);
        int repaired = countChanged(claimed, adv, size, 1e-6 * Math.max(1.0, epsilon));
        if (repaired > 0) {
            LOG.warn("{} left the epsilon ball or the bounds on {} of {} examples at eps={}; the engine projected them",
                    name, repaired, x.size(0), epsilon);
        }
        long[] shape = x.shape();
        INDArray logits = model.logits(Nd4j.create(adv, shape, 'c'));
        int[] pred = Logits.argmax(logits);
        float[][] probs = Logits.softmaxRows(logits);
        boolean[] success = new boolean[pred.length];
        for (int i = 0; i < pred.length; i++) {
            success[i] = params.targeted() ? pred[i] == params.targetClass() : pred[i] != labels[i];
        }
        Images advImages = new Images(adv, n, (int) shape[1], (int) shape[2], (int) shape[3]);
        PerturbationNorms norms = PerturbationNorms.of(new Images(clean, n, (int) shape[1], (int) shape[2],
                (int) shape[3]), advImages, 1e-6 * model.inputSpec().range());
        return new AttackOutcome(name, params, epsilon, advImages, labels.clone(), pred, probs, success,
                norms.l0(), norms.l2(), norms.linf(), repaired);
    }

    /** How many examples of {@code size} values differ between the two by more than {@code tol} anywhere. */
    private static int countChanged(float[] a, float[] b, int size, double tol) {
        int c = 0;
        for (int from = 0; from < a.length; from += size) {
            for (int i = from; i < from + size; i++) {
                if (Math.abs(a[i] - b[i]) > tol) {
                    c++;
                    break;
                }
            }
        }
        return c;
    }
}

package org.advlens.attack;

import java.util.ArrayList;
import java.util.List;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;
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
        INDArray[] candidates = attack.run(model, x, labels, epsilons, params, cancellation);
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
        Norm norm = params.norm();
        INDArray rawDelta = candidate.sub(x);
        INDArray delta = norm.project(rawDelta.dup(), epsilon);
        INDArray adv = GradientAttack.clip(delta.addi(x), lower, upper);
        int repaired = countChanged(candidate, adv, 1e-6 * Math.max(1.0, epsilon));
        if (repaired > 0) {
            LOG.warn("{} left the epsilon ball or the bounds on {} of {} examples at eps={}; the engine projected them",
                    name, repaired, x.size(0), epsilon);
        }
        INDArray logits = model.logits(adv);
        int[] pred = Logits.argmax(logits);
        float[][] probs = Logits.softmax(logits).toFloatMatrix();
        boolean[] success = new boolean[pred.length];
        for (int i = 0; i < pred.length; i++) {
            success[i] = params.targeted() ? pred[i] == params.targetClass() : pred[i] != labels[i];
        }
        PerturbationNorms norms = PerturbationNorms.of(x, adv, 1e-6 * model.inputSpec().range());
        return new AttackOutcome(name, params, epsilon, Images.of(adv), labels.clone(), pred, probs, success,
                norms.l0(), norms.l2(), norms.linf(), repaired);
    }

    private static int countChanged(INDArray a, INDArray b, double tol) {
        INDArray diff = a.sub(b).reshape(a.size(0), -1).amax(1);
        int c = 0;
        for (double d : diff.toDoubleVector()) {
            c += d > tol ? 1 : 0;
        }
        return c;
    }
}

package org.advlens.attack;

import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a minimisation attack and verifies what it returns with {@link AttackRunner#verify}: candidates are
 * clipped to the model's bounds (the epsilon ball is the whole box), success is decided by the model's own
 * prediction and the norms are measured by the engine. An example counts as reached only if the verified
 * candidate meets the goal; its distance is then the measured norm, never the attack's claim.
 */
public final class MinimizationRunner {

    private MinimizationRunner() {
    }

    /** Plain-data entry point for callers outside the engine (the desktop app). */
    public static MinimizationOutcome run(MinimizationAttack attack, Classifier model,
                                          org.advlens.data.Images images, int[] labels, MinimizationParams params,
                                          CancellationToken cancellation) {
        return run(attack, model, images.toArray(), labels, params, cancellation);
    }

    public static MinimizationOutcome run(MinimizationAttack attack, Classifier model, INDArray x, int[] labels,
                                          MinimizationParams params, CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, new double[] {0}, params.verification());
        int[] clean = model.predict(x);
        MinimizationCandidates c = attack.run(model, x, labels, params, cancellation);
        return verify(attack.name(), attack.measure(params), model, x, labels, clean, params, c);
    }

    /** Checks one batch of candidates; visible for engine code that runs minimisation attacks itself. */
    public static MinimizationOutcome verify(String name, DistanceMeasure measure, Classifier model, INDArray x,
                                             int[] labels, int[] cleanPredictions, MinimizationParams params,
                                             MinimizationCandidates candidates) {
        double box = diameter(model, params.norm());
        AttackOutcome v = AttackRunner.verify(name, model, x, labels, box, params.verification(),
                candidates.adversarial());
        int n = labels.length;
        boolean[] eligible = new boolean[n];
        double[] distance = measure.pick(v.l0(), v.l2(), v.linf());
        for (int i = 0; i < n; i++) {
            boolean alreadyThere = params.targeted() ? cleanPredictions[i] == params.targetClass()
                    : cleanPredictions[i] != labels[i];
            eligible[i] = params.targeted() ? !alreadyThere && labels[i] != params.targetClass() : !alreadyThere;
            if (alreadyThere) {
                distance[i] = 0;
            } else if (!v.success()[i]) {
                distance[i] = Double.POSITIVE_INFINITY;
            }
        }
        return new MinimizationOutcome(name, params, measure, v, cleanPredictions, eligible, distance,
                candidates.estimatedDistance());
    }

    /** The largest perturbation that stays inside the model's bounds, in {@code norm}: the box's diameter. */
    public static double diameter(Classifier model, Norm norm) {
        double range = model.inputSpec().range();
        return norm == Norm.LINF ? range : range * Math.sqrt(model.inputSpec().size());
    }
}

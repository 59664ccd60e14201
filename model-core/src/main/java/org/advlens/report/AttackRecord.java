package org.advlens.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.eval.Prediction;
import org.advlens.model.ModelInfo;

/**
 * One attack on one image, with everything {@code attack.json} records about it.
 *
 * @param model the attacked classifier
 * @param image where the clean image came from (a file path or a data set and index)
 * @param attack the attack's short name
 * @param params the parameters it ran with
 * @param epsilon the budget
 * @param label the class the attack moved away from (untargeted) or the image's class (targeted)
 * @param labelFromPrediction whether {@code label} is the model's clean prediction rather than a given label
 * @param before the model's prediction on the clean image
 * @param after the model's prediction on the adversarial image
 * @param l0 number of changed pixel values
 * @param l2 Euclidean norm of the perturbation
 * @param linf max-norm of the perturbation
 * @param success whether the engine found the attack successful (prediction changed, or equals the target)
 * @param repaired whether the engine had to project or clip the attack's answer
 * @param amplification factor the perturbation image was multiplied by, or {@code NaN} when none was written
 * @param created when the attack finished
 * @param minimalDistance for a minimum-norm attack, the smallest perturbation found that changes the decision,
 *                        measured by the engine (0 if the clean image already did, infinite if none was found);
 *                        {@code NaN} for a fixed-budget attack
 * @param distanceMeasure the measure of {@code minimalDistance} ("l2", "linf", "l0"), or "" for a fixed budget
 * @param options the attack's own options as its {@code parameters()} reported them (C&W's learning rate,
 *                Square's {@code p-init}, ...); empty for an attack that has none besides {@code params}
 */
public record AttackRecord(ModelInfo model, String image, String attack, AttackParams params, double epsilon,
                           int label, boolean labelFromPrediction, Prediction before, Prediction after, double l0,
                           double l2, double linf, boolean success, boolean repaired, double amplification,
                           Instant created, double minimalDistance, String distanceMeasure,
                           Map<String, Object> options) {

    public AttackRecord {
        if (model == null || attack == null || params == null || before == null || after == null || created == null) {
            throw new IllegalArgumentException("model, attack, parameters, predictions and time are required");
        }
        if (label < 0 || label >= model.numClasses()) {
            throw new IllegalArgumentException("label " + label + " outside [0, " + model.numClasses() + ")");
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
        }
        image = image == null ? "" : image;
        distanceMeasure = distanceMeasure == null ? "" : distanceMeasure;
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if (distanceMeasure.isEmpty() != Double.isNaN(minimalDistance)) {
            throw new IllegalArgumentException("a minimal distance needs its measure, and a measure its distance");
        }
    }

    /**
     * The record of example {@code index} of a verified outcome.
     *
     * @throws IllegalArgumentException if {@code after} disagrees with the outcome's verified prediction
     */
    public static AttackRecord of(ModelInfo model, String image, AttackOutcome outcome, int index,
                                  boolean labelFromPrediction, Prediction before, Prediction after,
                                  double amplification) {
        if (after.predicted() != outcome.predictions()[index]) {
            throw new IllegalArgumentException("prediction after the attack (" + after.predicted()
                    + ") differs from the verified outcome's (" + outcome.predictions()[index] + ")");
        }
        return new AttackRecord(model, image, outcome.attack(), outcome.params(), outcome.epsilon(),
                outcome.labels()[index], labelFromPrediction, before, after, outcome.l0()[index], outcome.l2()[index],
                outcome.linf()[index], outcome.success()[index], outcome.repaired() > 0, amplification, Instant.now(), Double.NaN, "",
                Map.of());
    }

    /** This record with the minimum-norm attack's verified distance in {@code measure}. */
    public AttackRecord withMinimalDistance(String measure, double distance) {
        if (measure == null || measure.isEmpty() || Double.isNaN(distance) || distance < 0) {
            throw new IllegalArgumentException("a minimal distance needs a measure and a value >= 0, got " + measure
                    + " " + distance);
        }
        return new AttackRecord(model, image, attack, params, epsilon, label, labelFromPrediction, before, after, l0,
                l2, linf, success, repaired, amplification, created, distance, measure, options);
    }

    /** This record with the attack's own options, as its {@code parameters()} reports them. */
    public AttackRecord withOptions(Map<String, Object> attackOptions) {
        return new AttackRecord(model, image, attack, params, epsilon, label, labelFromPrediction, before, after, l0,
                l2, linf, success, repaired, amplification, created, minimalDistance, distanceMeasure, attackOptions);
    }

    /** Whether this is the result of a minimum-norm attack. */
    public boolean minimumNorm() {
        return !distanceMeasure.isEmpty();
    }

    public String labelName() {
        return model.classNames().get(label);
    }
}

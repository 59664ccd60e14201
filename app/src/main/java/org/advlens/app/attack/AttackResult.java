package org.advlens.app.attack;

import java.util.List;
import org.advlens.app.common.ClassScore;
import org.advlens.app.common.ImageItem;
import org.advlens.attack.AttackOutcome;
import org.advlens.eval.Prediction;
import org.advlens.model.ModelInfo;
import org.advlens.report.PerturbationImage;

/**
 * One finished attack on one image, as plain data, with everything the attack view shows and exports.
 *
 * @param image the clean image
 * @param model the attacked model
 * @param attackDisplayName the attack's display name
 * @param label the class the attack moved away from (untargeted) or the image's class (targeted)
 * @param labelFromPrediction whether {@code label} is the model's clean prediction (the image had no label)
 * @param before the model's prediction on the clean image
 * @param after the model's prediction on the adversarial image
 * @param outcome the engine-verified outcome (a batch of one)
 * @param amplified the perturbation made visible, with its amplification factor
 * @param heatmap the signed perturbation summed over channels, for the diverging heatmap
 * @param minimalDistance for a minimum-norm attack, the smallest perturbation found that changes the decision as
 *                        measured by the engine (0 if the clean image already did, infinite if none was found);
 *                        {@code NaN} for a fixed-budget attack
 * @param distanceMeasure the measure of {@code minimalDistance} ("l2", "linf", "l0"), or "" for a fixed budget
 */
public record AttackResult(ImageItem image, ModelInfo model, String attackDisplayName, int label,
                           boolean labelFromPrediction, Prediction before, Prediction after, AttackOutcome outcome,
                           PerturbationImage amplified, Heatmap heatmap, double minimalDistance,
                           String distanceMeasure) {

    /** How many classes the probability charts show. */
    public static final int TOP_K = 5;

    public AttackResult {
        if (outcome.count() != 1) {
            throw new IllegalArgumentException("an attack result holds one image, got " + outcome.count());
        }
        distanceMeasure = distanceMeasure == null ? "" : distanceMeasure;
    }

    /** A fixed-budget result: no minimal distance. */
    public AttackResult(ImageItem image, ModelInfo model, String attackDisplayName, int label,
                        boolean labelFromPrediction, Prediction before, Prediction after, AttackOutcome outcome,
                        PerturbationImage amplified, Heatmap heatmap) {
        this(image, model, attackDisplayName, label, labelFromPrediction, before, after, outcome, amplified, heatmap,
                Double.NaN, "");
    }

    /** Whether a minimum-norm attack (no epsilon) produced this result. */
    public boolean minimumNorm() {
        return !distanceMeasure.isEmpty();
    }

    public boolean success() {
        return outcome.success()[0];
    }

    public double l0() {
        return outcome.l0()[0];
    }

    public double l2() {
        return outcome.l2()[0];
    }

    public double linf() {
        return outcome.linf()[0];
    }

    public List<ClassScore> topBefore() {
        return ClassScore.topK(before.probabilities(), model.classNames(), TOP_K);
    }

    public List<ClassScore> topAfter() {
        return ClassScore.topK(after.probabilities(), model.classNames(), TOP_K);
    }

    public String className(int index) {
        return ClassScore.nameOf(model.classNames(), index);
    }
}

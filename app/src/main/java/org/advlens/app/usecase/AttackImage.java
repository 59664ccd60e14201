package org.advlens.app.usecase;

import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationOutcome;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.MinimizationRunner;
import org.advlens.data.Images;
import org.advlens.eval.Prediction;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.report.PerturbationImage;

/**
 * Attack one image: a fixed-budget attack at one epsilon (Foolbox's fixed-epsilon attacks, Rauber et al. 2020) or a
 * minimum-norm attack that searches the smallest change itself. The engine's runners clip the adversarial image to
 * the budget and the model's bounds and re-check success on the model; the result carries what they measured, never
 * the attack's own claim. Used by {@code advlens attack} and the Attack view.
 */
public final class AttackImage implements Job<AttackImage.Result> {

    /** What to run: a budget and an attack already built with its parameters (target and seed included). */
    public sealed interface Budget permits FixedBudget, MinimumNorm {

        /** The attack's display name, e.g. "PGD". */
        String displayName();
    }

    /**
     * A fixed-budget attack at {@code epsilon}.
     *
     * @param attack the attack
     * @param epsilon the budget in the model's pixel units, finite and {@code >= 0}
     * @param params its parameters
     */
    public record FixedBudget(FixedEpsilonAttack attack, double epsilon, AttackParams params) implements Budget {

        public FixedBudget {
            Requests.required(attack, "attack");
            Requests.required(params, "attack parameters");
            if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
            }
        }

        @Override
        public String displayName() {
            return attack.displayName();
        }
    }

    /**
     * A minimum-norm attack: it finds its own budget.
     *
     * @param attack the minimisation attack
     * @param params its parameters
     */
    public record MinimumNorm(MinimizationAttack attack, MinimizationParams params) implements Budget {

        public MinimumNorm {
            Requests.required(attack, "attack");
            Requests.required(params, "attack parameters");
        }

        @Override
        public String displayName() {
            return attack.displayName();
        }
    }

    /**
     * @param model the classifier
     * @param image the clean image, a batch of one of the model's input shape
     * @param label the true class, or {@link #FROM_PREDICTION} to attack the model's clean prediction
     * @param budget the attack to run
     */
    public record Request(Classifier model, Images image, int label, Budget budget) {

        /** Use the model's prediction on the clean image as the label. */
        public static final int FROM_PREDICTION = -1;

        public Request {
            Requests.fitsModel(model, image);
            if (image.count() != 1) {
                throw new IllegalArgumentException("attack one image at a time, got " + image.count());
            }
            if (label != FROM_PREDICTION) {
                Requests.classesOf(model, new int[] {label}, "label");
            }
            Requests.required(budget, "attack");
        }
    }

    /**
     * One attacked image.
     *
     * @param label the class the attack moved away from (or the image's class, targeted)
     * @param labelFromPrediction whether {@code label} is the model's clean prediction
     * @param before the model's prediction on the clean image
     * @param after the model's prediction on the adversarial image
     * @param outcome the engine-verified outcome, a batch of one
     * @param amplified the perturbation made visible, with its amplification
     * @param minimalDistance for a minimum-norm attack the smallest change found as measured by the engine (0 if the
     *                        clean image already met the goal, infinite if none was found); {@code NaN} otherwise
     * @param distanceMeasure the measure of {@code minimalDistance} ("l2", "linf", "l0"), or "" for a fixed budget
     */
    public record Result(int label, boolean labelFromPrediction, Prediction before, Prediction after,
                         AttackOutcome outcome, PerturbationImage amplified, double minimalDistance,
                         String distanceMeasure) {

        public Result {
            Requests.required(outcome, "outcome");
            if (outcome.count() != 1) {
                throw new IllegalArgumentException("an attacked image is one image, got " + outcome.count());
            }
            distanceMeasure = distanceMeasure == null ? "" : distanceMeasure;
        }

        /** Whether a minimum-norm attack produced this result. */
        public boolean minimumNorm() {
            return !distanceMeasure.isEmpty();
        }
    }

    private final Request request;

    public AttackImage(Request request) {
        this.request = Requests.required(request, "request");
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken token) {
        Classifier model = request.model();
        Images clean = request.image();
        progress.onProgress(0, "predicting the clean image");
        Prediction before = Prediction.of(model, clean)[0];
        boolean fromPrediction = request.label() == Request.FROM_PREDICTION;
        int label = fromPrediction ? before.predicted() : request.label();
        token.throwIfCancelled();
        progress.onProgress(0.1, "running " + request.budget().displayName());
        AttackOutcome outcome;
        double minimal = Double.NaN;
        String measure = "";
        if (request.budget() instanceof MinimumNorm m) {
            MinimizationOutcome found = MinimizationRunner.run(m.attack(), model, clean, new int[] {label},
                    m.params(), token);
            outcome = found.verified();
            minimal = found.distance()[0];
            measure = found.measure().label();
        } else {
            FixedBudget f = (FixedBudget) request.budget();
            outcome = AttackRunner.run(f.attack(), model, clean, new int[] {label}, new double[] {f.epsilon()},
                    f.params(), token).get(0);
        }
        progress.onProgress(0.9, "measuring the result");
        Prediction after = Prediction.of(model, outcome.adversarial())[0];
        PerturbationImage amplified = PerturbationImage.of(clean, outcome.adversarial(), model.inputSpec());
        return new Result(label, fromPrediction, before, after, outcome, amplified, minimal, measure);
    }
}

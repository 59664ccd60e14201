package org.advlens.app.attack;

import org.advlens.app.common.ImageItem;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationOutcome;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.MinimizationRunner;
import org.advlens.eval.Prediction;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.report.PerturbationImage;

/**
 * A minimum-norm attack on one image, run on the engine thread: the engine's {@link MinimizationRunner} clips the
 * candidate, re-checks it on the model and measures the distance; the result carries that distance.
 *
 * @param model the classifier
 * @param image the clean image
 * @param attack the minimisation attack
 * @param params its parameters (target and seed included)
 */
record MinimumNormAttackJob(Classifier model, ImageItem image, MinimizationAttack attack, MinimizationParams params)
        implements Job<AttackResult> {

    @Override
    public AttackResult run(ProgressListener progress, CancellationToken token) {
        progress.onProgress(0, "predicting the clean image");
        Prediction before = Prediction.of(model, image.fitted())[0];
        boolean fromPrediction = !image.labelled() || image.label() >= model.numClasses();
        int label = fromPrediction ? before.predicted() : image.label();
        token.throwIfCancelled();
        progress.onProgress(0.1, "running " + attack.displayName());
        MinimizationOutcome outcome = MinimizationRunner.run(attack, model, image.fitted(),
                new int[] {label}, params, token);
        progress.onProgress(0.9, "measuring the result");
        Prediction after = Prediction.of(model, outcome.verified().adversarial())[0];
        PerturbationImage amplified = PerturbationImage.of(image.fitted(), outcome.verified().adversarial(),
                model.inputSpec());
        Heatmap heatmap = Heatmap.of(image.fitted(), outcome.verified().adversarial());
        return new AttackResult(image, model.info(), attack.displayName(), label, fromPrediction, before, after,
                outcome.verified(), amplified, heatmap, outcome.distance()[0], outcome.measure().label());
    }
}

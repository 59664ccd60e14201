package org.advlens.app.compare;

import java.util.ArrayList;
import java.util.List;
import org.advlens.app.common.ImageItem;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.data.Images;
import org.advlens.eval.Prediction;
import org.advlens.job.Job;
import org.advlens.model.Classifier;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;

/**
 * The same saliency method and the same attack, with the same parameters and seed, on one image for each model:
 * what the side-by-side panel shows. A robust model's gradient tends to look like the object (Tsipras et al.,
 * "Robustness May Be at Odds with Accuracy", ICLR 2019), a standard model's like noise.
 */
final class ImageComparison {

    /**
     * One model's row.
     *
     * @param model the model's name
     * @param predicted its class on the clean image
     * @param confidence that class's probability
     * @param saliency the map, {@code channels x height x width}, explaining the predicted class
     * @param signed whether the map's sign carries meaning
     * @param adversarial the attack's verified adversarial image, in the model's input range
     * @param adversarialPredicted the model's class on it
     * @param adversarialConfidence that class's probability
     */
    record Row(String model, int predicted, float confidence, float[] saliency, boolean signed, Images adversarial,
               int adversarialPredicted, float adversarialConfidence) {
    }

    private ImageComparison() {
    }

    static Job<List<Row>> job(List<Classifier> models, ImageItem image, SaliencyMethod method,
                              FixedEpsilonAttack attack, AttackParams params, double epsilon) {
        return (progress, token) -> {
            List<Row> rows = new ArrayList<>();
            Images x = image.fitted();
            for (int m = 0; m < models.size(); m++) {
                Classifier c = models.get(m);
                progress.onProgress((double) m / models.size(), "saliency and attack on " + c.info().name());
                Prediction clean = Prediction.of(c, x)[0];
                int label = image.labelled() ? image.label() : clean.predicted();
                SaliencyMap map = method.attribute(c, x, new int[] {clean.predicted()}, token);
                AttackOutcome o = AttackRunner.run(attack, c, x, new int[] {label}, new double[] {epsilon}, params,
                        token).get(0);
                rows.add(new Row(c.info().name(), clean.predicted(), clean.confidence(), map.values(), map.signed(),
                        o.adversarial(), o.predictions()[0], o.probabilities()[0][o.predictions()[0]]));
            }
            progress.onProgress(1, "done");
            return rows;
        };
    }
}

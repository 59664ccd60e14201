package org.advlens.defence;

import java.time.Instant;
import org.advlens.model.ModelInfo;

/**
 * The measured figures of one defence on one data set, as {@link DefenceEvaluation} computes them.
 *
 * @param defence the defence's short name
 * @param description the defence with its settings
 * @param model the undefended classifier
 * @param dataName the data set's name
 * @param size number of images
 * @param options what the evaluation ran with
 * @param cleanAccuracy accuracy of the undefended model
 * @param defendedCleanAccuracy accuracy of the defence as a classifier wrapper
 * @param guardedCleanAccuracy accuracy of the classifier the detector guards
 * @param threshold the detector's threshold on the clean images
 * @param plain the detector against PGD on the undefended model
 * @param adaptive the detector against the defence's adaptive attack
 * @param wrapperPgdAccuracy accuracy of the classifier wrapper under PGD with its exact gradient
 * @param wrapperBpdaAccuracy accuracy of the classifier wrapper under PGD with the BPDA gradient
 * @param created when the evaluation finished
 */
public record DefenceReport(String defence, String description, ModelInfo model, String dataName, int size,
                            DefenceEvaluation.Options options, double cleanAccuracy, double defendedCleanAccuracy,
                            double guardedCleanAccuracy, DetectionThreshold threshold, Detection plain,
                            Detection adaptive, double wrapperPgdAccuracy, double wrapperBpdaAccuracy,
                            Instant created) {

    /**
     * How the detector fares against one attack. Rates are over the images the guarded classifier gets right
     * without attack ({@code eligible} of them).
     *
     * @param attack the attack's short name
     * @param eligible images correctly classified by the guarded classifier without attack
     * @param successRate fraction of them whose adversarial example the guarded classifier gets wrong
     * @param detectionRate among those successful adversarial examples, the fraction the detector flags (Xu et
     *                      al.'s detection rate); 0 when there are none
     * @param undetectedSuccessRate fraction of eligible images whose adversarial example fools the guarded
     *                              classifier and is not flagged: the attack's success against the whole defence
     */
    public record Detection(String attack, int eligible, double successRate, double detectionRate,
                            double undetectedSuccessRate) {
        public Detection {
            if (eligible < 0) {
                throw new IllegalArgumentException("eligible count must be >= 0, got " + eligible);
            }
        }
    }
}

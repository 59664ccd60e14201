package org.advlens.report.html;

/**
 * One image of the report's picture gallery: the clean image, its adversarial example at the standard epsilon, the
 * perturbation made visible, a saliency map of the clean prediction, and a counterfactual towards the runner-up
 * class with its change. Pictures are PNG bytes.
 *
 * @param index the image's index in the data set
 * @param label its label
 * @param cleanPrediction the model's class for the clean image
 * @param adversarialPrediction the model's class for the adversarial example
 * @param linf the perturbation's L-inf norm
 * @param amplification the factor the perturbation picture is amplified by
 * @param clean PNG of the clean image
 * @param adversarial PNG of the adversarial example
 * @param perturbation PNG of the amplified perturbation
 * @param saliency PNG of the saliency map
 * @param counterfactualTarget the class the counterfactual was asked for (the clean image's runner-up)
 * @param counterfactualPrediction the model's class for the counterfactual
 * @param counterfactual PNG of the counterfactual
 * @param counterfactualChange PNG of the counterfactual's change, in diverging colours
 */
public record ExamplePicture(int index, int label, int cleanPrediction, int adversarialPrediction, double linf,
                             double amplification, byte[] clean, byte[] adversarial, byte[] perturbation,
                             byte[] saliency, int counterfactualTarget, int counterfactualPrediction,
                             byte[] counterfactual, byte[] counterfactualChange) {

    public ExamplePicture {
        if (clean == null || adversarial == null || perturbation == null || saliency == null
                || counterfactual == null || counterfactualChange == null) {
            throw new IllegalArgumentException("an example needs all six pictures");
        }
        clean = clean.clone();
        adversarial = adversarial.clone();
        perturbation = perturbation.clone();
        saliency = saliency.clone();
        counterfactual = counterfactual.clone();
        counterfactualChange = counterfactualChange.clone();
    }

    @Override
    public byte[] clean() {
        return clean.clone();
    }

    @Override
    public byte[] adversarial() {
        return adversarial.clone();
    }

    @Override
    public byte[] perturbation() {
        return perturbation.clone();
    }

    @Override
    public byte[] saliency() {
        return saliency.clone();
    }

    @Override
    public byte[] counterfactual() {
        return counterfactual.clone();
    }

    @Override
    public byte[] counterfactualChange() {
        return counterfactualChange.clone();
    }
}

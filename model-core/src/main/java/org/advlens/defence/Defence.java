package org.advlens.defence;

import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A defence around a trained classifier, in the two forms it is evaluated in: a detector that scores inputs (higher
 * means more likely adversarial) in front of a guarded classifier, and a classifier wrapper whose gradient passes
 * through the defence exactly or by BPDA. Each defence names the adaptive attack that targets it, as Tramèr,
 * Carlini, Brendel and Madry ("On Adaptive Attacks to Adversarial Example Defenses", NeurIPS 2020) ask of every
 * defence evaluation. Confined to one thread, like its classifier.
 */
public interface Defence {

    /** Short name, e.g. {@code "feature-squeezing"}. */
    String name();

    /** The defence with its settings, for people. */
    String description();

    /** The undefended classifier. */
    Classifier model();

    /** The classifier whose prediction stands when the detector flags nothing. */
    Classifier guarded();

    /** Detector scores, one per image of {@code [n, c, h, w]}; higher means more suspicious. */
    double[] scores(INDArray x);

    /** The defence as a classifier, with its gradient exact or BPDA's; it does not own the model. */
    Classifier classifier(GradientMode mode);

    /** The attack that goes through the defence and evades the detector while fooling {@link #guarded()}. */
    FixedEpsilonAttack adaptiveAttack();
}

package org.advlens.eval.boundary;

import java.util.List;

/**
 * Logits along the FGSM direction and along a random sign direction of the same L-inf size.
 *
 * @param modelName the classifier's name
 * @param classNames the class names
 * @param label the class the FGSM direction was taken against
 * @param epsilons the sweep
 * @param adversarialLogits {@code [epsilons][classes]} logits of {@code x + eps.sign(grad)}
 * @param randomLogits {@code [epsilons][classes]} logits of {@code x + eps.r}, {@code r} a random sign vector
 * @param spec the sweep's parameters
 */
public record LinearityResult(String modelName, List<String> classNames, int label, double[] epsilons,
                              float[][] adversarialLogits, float[][] randomLogits, LinearitySpec spec) {

    public LinearityResult {
        if (classNames == null || epsilons == null || adversarialLogits == null || randomLogits == null) {
            throw new IllegalArgumentException("class names, epsilons and logits are required");
        }
        if (adversarialLogits.length != epsilons.length || randomLogits.length != epsilons.length) {
            throw new IllegalArgumentException("one logit row per epsilon is required (" + epsilons.length + ")");
        }
        classNames = List.copyOf(classNames);
        epsilons = epsilons.clone();
        adversarialLogits = deepCopy(adversarialLogits);
        randomLogits = deepCopy(randomLogits);
    }

    @Override
    public double[] epsilons() {
        return epsilons.clone();
    }

    @Override
    public float[][] adversarialLogits() {
        return deepCopy(adversarialLogits);
    }

    @Override
    public float[][] randomLogits() {
        return deepCopy(randomLogits);
    }

    private static float[][] deepCopy(float[][] a) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}

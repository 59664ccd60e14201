package org.advlens.counterfactual;

import java.util.List;
import org.advlens.data.Images;

/**
 * A counterfactual explanation of one image: the changed image the classifier assigns to the target class, and
 * the path that led there. Success is measured by the engine on the classifier itself, never taken from the search.
 *
 * @param method name of the method that made it ({@code pixel} or {@code latent})
 * @param original the original image, a batch of one in the classifier's pixel space
 * @param counterfactual the counterfactual image, same shape and space
 * @param originalClass the class the classifier predicts for the original
 * @param targetClass the class asked for
 * @param predictedClass the class the classifier predicts for the counterfactual
 * @param success {@code predictedClass == targetClass}
 * @param reachedConfidence whether the target probability reached the requested confidence
 * @param originalProbabilities class probabilities of the original
 * @param probabilities class probabilities of the counterfactual
 * @param steps optimisation steps taken
 * @param path images from the start to the counterfactual (the first is the search's start, the last the result)
 */
public record Counterfactual(String method, Images original, Images counterfactual, int originalClass,
                             int targetClass, int predictedClass, boolean success, boolean reachedConfidence,
                             float[] originalProbabilities, float[] probabilities, int steps, List<PathPoint> path) {

    public Counterfactual {
        if (original == null || counterfactual == null || original.count() != 1 || counterfactual.count() != 1
                || original.imageSize() != counterfactual.imageSize()) {
            throw new IllegalArgumentException("original and counterfactual must be single images of one shape, got "
                    + original + " and " + counterfactual);
        }
        if (targetClass < 0 || targetClass >= probabilities.length) {
            throw new IllegalArgumentException("target class " + targetClass + " outside [0, " + probabilities.length
                    + ")");
        }
        if (success != (predictedClass == targetClass)) {
            throw new IllegalArgumentException("success must mean predictedClass == targetClass");
        }
        originalProbabilities = originalProbabilities.clone();
        probabilities = probabilities.clone();
        path = List.copyOf(path);
    }

    @Override
    public float[] originalProbabilities() {
        return originalProbabilities.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    public float targetProbability() {
        return probabilities[targetClass];
    }

    /** {@code counterfactual - original}, one value per pixel and channel. */
    public float[] difference() {
        float[] a = original.pixels();
        float[] b = counterfactual.pixels();
        for (int i = 0; i < a.length; i++) {
            b[i] -= a[i];
        }
        return b;
    }
}

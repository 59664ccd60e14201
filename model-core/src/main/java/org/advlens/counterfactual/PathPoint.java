package org.advlens.counterfactual;

/**
 * One image on the way from the original to a counterfactual, with the classifier's class probabilities there.
 *
 * @param step optimisation step this image was taken at (0 is the start)
 * @param image the image, a batch of one in the classifier's pixel space
 * @param probabilities softmax of the classifier's logits, one per class
 */
public record PathPoint(int step, org.advlens.data.Images image, float[] probabilities) {

    public PathPoint {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative, got " + step);
        }
        if (image == null || image.count() != 1) {
            throw new IllegalArgumentException("a path point is one image, got " + image);
        }
        if (probabilities == null || probabilities.length == 0) {
            throw new IllegalArgumentException("probabilities are required");
        }
        probabilities = probabilities.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    public float probability(int target) {
        return probabilities[target];
    }
}

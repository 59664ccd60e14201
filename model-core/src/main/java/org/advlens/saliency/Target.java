package org.advlens.saliency;

import java.util.Arrays;
import org.advlens.data.Images;
import org.advlens.model.Classifier;

/**
 * Which class a saliency map explains: the model's prediction, the image's true label, or a fixed class.
 *
 * @param kind how the class is chosen
 * @param classIndex the class for {@link Kind#CLASS}; {@code -1} otherwise
 */
public record Target(Kind kind, int classIndex) {

    /** How the target class is chosen. */
    public enum Kind {
        /** The class with the largest logit for the image. */
        PREDICTED,
        /** The image's true label. */
        TRUE_LABEL,
        /** One given class for every image. */
        CLASS
    }

    public Target {
        if (kind == null) {
            throw new IllegalArgumentException("target kind must not be null");
        }
        if (kind == Kind.CLASS && classIndex < 0) {
            throw new IllegalArgumentException("a fixed target needs a class index >= 0, got " + classIndex);
        }
        if (kind != Kind.CLASS && classIndex != -1) {
            throw new IllegalArgumentException(kind + " takes no class index, got " + classIndex);
        }
    }

    public static Target predicted() {
        return new Target(Kind.PREDICTED, -1);
    }

    public static Target trueLabel() {
        return new Target(Kind.TRUE_LABEL, -1);
    }

    public static Target ofClass(int classIndex) {
        return new Target(Kind.CLASS, classIndex);
    }

    /**
     * The target class of every image.
     *
     * @param labels the true labels, one per image; only read for {@link Kind#TRUE_LABEL} and may be {@code null}
     *               otherwise
     * @throws IllegalArgumentException if a class is outside the model's classes or labels are missing
     */
    public int[] resolve(Classifier model, Images images, int[] labels) {
        int n = images.count();
        int[] out = switch (kind) {
            case PREDICTED -> n == 0 ? new int[0] : model.predict(images.toArray());
            case TRUE_LABEL -> {
                if (labels == null || labels.length != n) {
                    throw new IllegalArgumentException("the true-label target needs " + n + " labels, got "
                            + (labels == null ? "none" : labels.length));
                }
                yield labels.clone();
            }
            case CLASS -> {
                int[] t = new int[n];
                Arrays.fill(t, classIndex);
                yield t;
            }
        };
        for (int t : out) {
            if (t < 0 || t >= model.numClasses()) {
                throw new IllegalArgumentException("target class " + t + " is outside the model's "
                        + model.numClasses() + " classes");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PREDICTED -> "predicted";
            case TRUE_LABEL -> "true";
            case CLASS -> "class " + classIndex;
        };
    }
}

package org.advlens.saliency;

import java.util.Map;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;

/**
 * A saliency (attribution) method: for each image and a target class, a map shaped like the image that says how
 * much each input value matters to the target class's logit (the pre-softmax score). A method's settings are
 * fixed when it is built (a validated {@code Options} record), so one instance can be applied to many models, as
 * the sanity checks do.
 *
 * <p>Implementations process the images in batches of at most their internal batch size, poll the cancellation
 * token at least once per batch, and never change the model.
 */
public interface SaliencyMethod {

    /** The registry name, e.g. {@code "integrated-gradients"}: lower case, no spaces. */
    String name();

    /** The name shown to people, e.g. {@code "Integrated Gradients"}. */
    String displayName();

    /** The method's settings by name, for provenance in exported results. */
    Map<String, Object> parameters();

    /** Whether the values' sign carries meaning; see {@link SaliencyMap#signed()}. */
    boolean signed();

    /**
     * Whether this method can explain {@code model}. Gradient methods work on any classifier; methods that need
     * the network's layers (Grad-CAM, Guided Backprop) only on a {@link org.advlens.model.NetworkBacked} one.
     */
    default boolean supports(Classifier model) {
        return true;
    }

    /**
     * Computes the maps.
     *
     * @param model the classifier to explain; used from the calling thread only
     * @param images the images, in the model's pixel space and input shape
     * @param targets one class per image, each in {@code [0, model.numClasses())}
     * @param cancellation polled at least once per batch
     * @return one map per image, shaped like the input
     * @throws IllegalArgumentException if the images do not fit the model or a target is out of range
     * @throws UnsupportedOperationException if {@link #supports(Classifier)} is false for {@code model}
     * @throws org.advlens.job.CancelledException if cancelled
     */
    SaliencyMap attribute(Classifier model, Images images, int[] targets, CancellationToken cancellation);
}

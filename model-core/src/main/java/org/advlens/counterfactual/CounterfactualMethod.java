package org.advlens.counterfactual;

import java.util.List;
import java.util.Map;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;

/**
 * A way to find counterfactual explanations: for each image, a changed image that the classifier assigns to a
 * chosen target class. One verb, {@link #explain}; implementations poll the token once per step.
 */
public interface CounterfactualMethod {

    /** Short file-name-safe name, e.g. {@code pixel}. */
    String name();

    String displayName();

    /** The method's settings, for reports and provenance. */
    Map<String, Object> parameters();

    /**
     * Counterfactuals of every image.
     *
     * @param images images in the classifier's pixel space
     * @param targets one target class per image, each in {@code [0, classes)}
     * @return one counterfactual per image, in order
     * @throws IllegalArgumentException if a target is out of range or the counts differ
     */
    List<Counterfactual> explain(Classifier model, Images images, int[] targets, ProgressListener progress,
                                 CancellationToken cancellation);
}

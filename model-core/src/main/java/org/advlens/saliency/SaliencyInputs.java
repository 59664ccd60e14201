package org.advlens.saliency;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.advlens.data.Images;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;

/** Checks shared by every saliency method: images that fit the model, one valid target per image. */
public final class SaliencyInputs {

    private SaliencyInputs() {
    }

    public static void check(Classifier model, Images images, int[] targets) {
        if (model == null || images == null || targets == null) {
            throw new IllegalArgumentException("model, images and targets are required");
        }
        InputSpec spec = model.inputSpec();
        if (images.channels() != spec.channels() || images.height() != spec.height()
                || images.width() != spec.width()) {
            throw new IllegalArgumentException("the model takes " + spec.channels() + "x" + spec.height() + "x"
                    + spec.width() + " images, got " + images.channels() + "x" + images.height() + "x"
                    + images.width());
        }
        if (targets.length != images.count()) {
            throw new IllegalArgumentException(images.count() + " images but " + targets.length + " targets "
                    + Arrays.toString(targets));
        }
        for (int t : targets) {
            if (t < 0 || t >= model.numClasses()) {
                throw new IllegalArgumentException("target class " + t + " is outside the model's "
                        + model.numClasses() + " classes");
            }
        }
    }

    /** The parameters of a method whose only setting is its batch size. */
    public static Map<String, Object> batchParameters(int batchSize) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("batch_size", batchSize);
        return p;
    }

    public static void checkBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batch size must be in [1, 100000], got " + batchSize);
        }
    }
}

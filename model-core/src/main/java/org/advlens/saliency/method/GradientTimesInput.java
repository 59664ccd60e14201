package org.advlens.saliency.method;

import java.util.Map;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.saliency.ConfiguredMethod;
import org.advlens.saliency.LogitGradients;
import org.advlens.saliency.SaliencyInputs;
import org.advlens.saliency.SaliencyMap;

/**
 * Gradient x Input (Shrikumar et al., "Not Just a Black Box", 2016): the input times the gradient of the target
 * logit, {@code x * d z_t / d x}, element by element. For a linear model it is each input's exact contribution
 * to the logit. The input is taken in pixel space, so a pixel at zero gets zero whatever the model.
 */
public final class GradientTimesInput extends ConfiguredMethod<GradientTimesInput.Options> {

    public static final String NAME = "gradient-x-input";

    /** @param batchSize images per gradient computation */
    public record Options(int batchSize) {
        public Options {
            SaliencyInputs.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(64);
        }
    }

    public GradientTimesInput(Options options) {
        super(NAME, "Gradient x Input", options);
    }

    public GradientTimesInput() {
        this(Options.defaults());
    }

    @Override
    public Map<String, Object> parameters() {
        return SaliencyInputs.batchParameters(options.batchSize());
    }

    @Override
    public SaliencyMap attribute(Classifier model, Images images, int[] targets, CancellationToken cancellation) {
        SaliencyInputs.check(model, images, targets);
        float[] x = images.pixels();
        float[] g = LogitGradients.gradients(model, x, targets, options.batchSize(), cancellation);
        for (int i = 0; i < g.length; i++) {
            g[i] *= x[i];
        }
        return new SaliencyMap(name(), g, images.count(), images.channels(), images.height(), images.width(),
                targets, true, null);
    }
}

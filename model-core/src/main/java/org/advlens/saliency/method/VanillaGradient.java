package org.advlens.saliency.method;

import java.util.LinkedHashMap;
import java.util.Map;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.saliency.LogitGradients;
import org.advlens.saliency.SaliencyInputs;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;

/**
 * The vanilla gradient (Simonyan, Vedaldi and Zisserman, "Deep Inside Convolutional Networks", 2014): the
 * gradient of the target logit with respect to the input, {@code d z_t / d x}, signed or as its absolute value.
 */
public final class VanillaGradient implements SaliencyMethod {

    /** Registry name of the signed gradient. */
    public static final String NAME = "gradient";
    /** Registry name of the absolute gradient. */
    public static final String ABSOLUTE_NAME = "gradient-abs";

    /**
     * @param absolute whether to return {@code |d z_t / d x|} instead of the signed gradient
     * @param batchSize images per gradient computation
     */
    public record Options(boolean absolute, int batchSize) {
        public Options {
            SaliencyInputs.checkBatchSize(batchSize);
        }

        public static Options signedGradient() {
            return new Options(false, 64);
        }

        public static Options absoluteGradient() {
            return new Options(true, 64);
        }
    }

    private final Options options;

    public VanillaGradient(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    /** The signed gradient with the default batch size. */
    public VanillaGradient() {
        this(Options.signedGradient());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return options.absolute() ? ABSOLUTE_NAME : NAME;
    }

    @Override
    public String displayName() {
        return options.absolute() ? "Gradient (absolute)" : "Gradient";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("absolute", options.absolute());
        p.put("batch_size", options.batchSize());
        return p;
    }

    @Override
    public boolean signed() {
        return !options.absolute();
    }

    @Override
    public SaliencyMap attribute(Classifier model, Images images, int[] targets, CancellationToken cancellation) {
        SaliencyInputs.check(model, images, targets);
        float[] g = LogitGradients.gradients(model, images.pixels(), targets, options.batchSize(), cancellation);
        if (options.absolute()) {
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.abs(g[i]);
            }
        }
        return new SaliencyMap(name(), g, images.count(), images.channels(), images.height(), images.width(),
                targets, signed(), null);
    }
}

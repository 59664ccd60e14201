package org.advlens.saliency.method;

import java.util.LinkedHashMap;
import java.util.Map;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.compiled.LayerStack;
import org.advlens.saliency.ConfiguredMethod;
import org.advlens.saliency.LogitGradients;
import org.advlens.saliency.SaliencyInputs;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.relevance.Composite;
import org.advlens.saliency.relevance.LayerwiseRelevance;
import org.advlens.saliency.relevance.Propagation;

/**
 * Layer-wise relevance propagation (Bach et al. 2015; Montavon et al. 2019) as a saliency method: the target
 * logit handed down to the pixels with the rules of a {@link Composite}. The map's completeness delta is the
 * conservation gap {@code sum(map) - z_t}: zero for rules that conserve relevance on a network without biases;
 * biases and epsilon absorb some. Needs the layers of a sequential DL4J network
 * ({@link LayerStack#of(Classifier)}).
 */
public final class LayerwiseRelevancePropagation extends ConfiguredMethod<LayerwiseRelevancePropagation.Options> {

    /**
     * @param composite the rule of each layer type
     * @param batchSize images per propagation
     */
    public record Options(Composite composite, int batchSize) {
        public Options {
            if (composite == null) {
                throw new IllegalArgumentException("a composite is required");
            }
            SaliencyInputs.checkBatchSize(batchSize);
        }

        public static Options of(Composite composite) {
            return new Options(composite, 64);
        }
    }

    public LayerwiseRelevancePropagation(Options options) {
        super(options.composite().name(), displayName(options.composite().name()), options);
    }

    public LayerwiseRelevancePropagation(Composite composite) {
        this(Options.of(composite));
    }

    private static String displayName(String name) {
        return switch (name) {
            case "lrp-epsilon" -> "LRP-epsilon";
            case "lrp-gamma" -> "LRP-gamma";
            case "lrp-alpha-beta" -> "LRP-alpha-beta";
            case "lrp-zplus" -> "LRP-z+";
            case "lrp-composite" -> "LRP composite (box, gamma, epsilon)";
            case "lrp-composite-flat" -> "LRP composite (flat, z+, epsilon)";
            default -> "LRP " + name;
        };
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>(options.composite().describe());
        p.put("batch_size", options.batchSize());
        return p;
    }

    @Override
    public boolean supports(Classifier model) {
        try {
            LayerStack.of(model);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public SaliencyMap attribute(Classifier model, Images images, int[] targets, CancellationToken cancellation) {
        SaliencyInputs.check(model, images, targets);
        LayerwiseRelevance lrp = new LayerwiseRelevance(LayerStack.of(model), options.composite());
        int n = images.count();
        int size = images.imageSize();
        float[] out = new float[n * size];
        double[] gap = new double[n];
        float[] pixels = images.pixels();
        for (int from = 0; from < n; from += options.batchSize()) {
            cancellation.throwIfCancelled();
            int to = Math.min(n, from + options.batchSize());
            Propagation p = lrp.propagate(LogitGradients.batch(model, pixels, from, to),
                    java.util.Arrays.copyOfRange(targets, from, to), null);
            float[] r = LogitGradients.flat(p.inputRelevance());
            System.arraycopy(r, 0, out, from * size, r.length);
            for (int i = from; i < to; i++) {
                gap[i] = p.inputSum(i - from) - p.targetLogits()[i - from];
            }
        }
        return new SaliencyMap(name(), out, n, images.channels(), images.height(), images.width(), targets, true,
                gap);
    }
}

package org.advlens.saliency.sanity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.saliency.NetworkSurgery;
import org.advlens.saliency.SaliencyInputs;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model parameter randomization test of Adebayo et al. ("Sanity Checks for Saliency Maps", NeurIPS 2018):
 * re-initialise the model's layers and recompute every method's maps at each step. A method whose maps stay
 * similar to the original ones does not depend on what the model learned.
 *
 * <p>Cascading: step {@code j} randomises the top {@code j} layers with parameters (output layer first).
 * Independent: step {@code j} randomises only the {@code j}-th layer from the top. The target classes are fixed
 * on the original model and kept at every step. The original model is never changed; each step works on a copy.
 */
public final class ParameterRandomizationCheck implements Job<SanityCheckResult> {

    private static final Logger LOG = LoggerFactory.getLogger(ParameterRandomizationCheck.class);

    /**
     * @param randomization {@link Randomization#CASCADING} or {@link Randomization#INDEPENDENT}
     * @param seed seed of the re-initialisation
     * @param maxLayers randomise at most this many layers from the top; 0 for all layers with parameters
     */
    public record Options(Randomization randomization, long seed, int maxLayers) {
        public Options {
            if (randomization != Randomization.CASCADING && randomization != Randomization.INDEPENDENT) {
                throw new IllegalArgumentException("parameter randomization is cascading or independent, got "
                        + randomization);
            }
            if (maxLayers < 0) {
                throw new IllegalArgumentException("maxLayers must be 0 (all) or positive, got " + maxLayers);
            }
        }

        /** Cascading, seed 0, all layers. */
        public static Options cascading() {
            return new Options(Randomization.CASCADING, 0L, 0);
        }

        /** Independent, seed 0, all layers. */
        public static Options independent() {
            return new Options(Randomization.INDEPENDENT, 0L, 0);
        }

        public Options withSeed(long s) {
            return new Options(randomization, s, maxLayers);
        }
    }

    private final Classifier model;
    private final Images images;
    private final int[] targets;
    private final List<SaliencyMethod> methods;
    private final Options options;

    /**
     * @param model the trained model; must be backed by a DL4J network
     * @param images the images whose maps are compared
     * @param targets one target class per image (see {@link org.advlens.saliency.Target#resolve})
     * @param methods the methods to check, with distinct names
     */
    public ParameterRandomizationCheck(Classifier model, Images images, int[] targets, List<SaliencyMethod> methods,
                                       Options options) {
        if (methods == null || methods.isEmpty() || options == null) {
            throw new IllegalArgumentException("at least one method and the options are required");
        }
        SaliencyInputs.check(model, images, targets);
        if (images.count() < 1) {
            throw new IllegalArgumentException("the check needs at least one image");
        }
        checkMethods(model, methods);
        if (!ModelRandomization.supports(model)) {
            throw new UnsupportedOperationException("parameter randomization needs a DL4J network; "
                    + model.info().name() + " is " + NetworkSurgery.describe(model));
        }
        this.model = model;
        this.images = images;
        this.targets = targets.clone();
        this.methods = List.copyOf(methods);
        this.options = options;
    }

    static void checkMethods(Classifier model, List<SaliencyMethod> methods) {
        Set<String> names = new HashSet<>();
        for (SaliencyMethod m : methods) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("method " + m.name() + " is listed twice");
            }
            if (!m.supports(model)) {
                throw new UnsupportedOperationException(m.displayName() + " cannot explain " + model.info().name()
                        + " (" + NetworkSurgery.describe(model) + ")");
            }
        }
    }

    /** The step labels this check will produce for {@code model}: "original", then one per randomised layer. */
    public static List<String> stepLabels(Classifier model, Options options) {
        List<String> labels = new ArrayList<>();
        labels.add("original");
        for (ModelRandomization.RandomizableLayer l : layers(model, options)) {
            labels.add(l.name());
        }
        return labels;
    }

    private static List<ModelRandomization.RandomizableLayer> layers(Classifier model, Options options) {
        List<ModelRandomization.RandomizableLayer> all = ModelRandomization.topDown(model);
        return options.maxLayers() == 0 || options.maxLayers() >= all.size() ? all
                : all.subList(0, options.maxLayers());
    }

    @Override
    public SanityCheckResult run(ProgressListener progress, CancellationToken cancellation) {
        List<ModelRandomization.RandomizableLayer> layers = layers(model, options);
        List<String> steps = stepLabels(model, options);
        SaliencyMap[][] maps = new SaliencyMap[methods.size()][steps.size()];
        int total = steps.size() * methods.size();
        int done = 0;
        for (int s = 0; s < steps.size(); s++) {
            cancellation.throwIfCancelled();
            List<Integer> positions = new ArrayList<>();
            if (s > 0) {
                if (options.randomization() == Randomization.CASCADING) {
                    for (int j = 0; j < s; j++) {
                        positions.add(layers.get(j).position());
                    }
                } else {
                    positions.add(layers.get(s - 1).position());
                }
            }
            Classifier current = s == 0 ? model : ModelRandomization.randomized(model, positions, options.seed());
            try {
                for (int m = 0; m < methods.size(); m++) {
                    SaliencyMethod method = methods.get(m);
                    progress.onProgress((double) done / total, String.format("%s: %s, step %d/%d (%s)",
                            options.randomization().label(), method.displayName(), s, steps.size() - 1,
                            steps.get(s)));
                    maps[m][s] = method.attribute(current, images, targets, cancellation);
                    done++;
                }
            } finally {
                if (current != model) {
                    current.close();
                }
            }
            LOG.info("{} randomization step {}/{} ({}) done", options.randomization().label(), s, steps.size() - 1,
                    steps.get(s));
        }
        SanityCheckResult result = SanityCheckResult.compare(options.randomization(), methods, steps, maps,
                targets, options.seed(), model.info());
        progress.onProgress(1, "sanity check done");
        return result;
    }
}

package org.advlens.saliency.sanity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advlens.model.ModelIdentity;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.method.SaliencyMethods;
import org.advlens.saliency.similarity.SimilarityMetric;

/**
 * The outcome of a saliency sanity check: every method's maps at every randomisation step, and each map's
 * similarity with the same method's map on the original model, per image and per {@link SimilarityMetric}.
 * Step 0 is the original model, so its similarities are those of a map with itself. Immutable plain data.
 *
 * @param randomization how the model was randomised
 * @param methods the methods' registry names, in order
 * @param methodParameters each method's settings, by registry name
 * @param steps a label per step: {@code "original"}, then the layer randomised (cascading: the layer down to
 *              which everything is randomised; independent: the one layer) or {@code "permuted labels"}
 * @param maps {@code methods.size() * steps.size()} maps, method-major: index {@code method * steps + step}
 * @param similarity {@code methods x steps x metrics x images} values, flat in that order
 * @param images number of images
 * @param targets the class each image's maps explain, fixed on the original model
 * @param seed the seed of the randomisation
 * @param model the original model's identity, for provenance
 */
public record SanityCheckResult(Randomization randomization, List<String> methods,
                                Map<String, Map<String, Object>> methodParameters, List<String> steps,
                                List<SaliencyMap> maps, double[] similarity, int images, int[] targets, long seed,
                                ModelIdentity model) {

    private static final int METRICS = SimilarityMetric.values().length;

    public SanityCheckResult {
        if (randomization == null || methods == null || steps == null || maps == null || similarity == null
                || targets == null) {
            throw new IllegalArgumentException("randomization, methods, steps, maps, similarity and targets are "
                    + "required");
        }
        if (methods.isEmpty() || steps.isEmpty() || images < 1) {
            throw new IllegalArgumentException("need at least one method, step and image, got " + methods.size()
                    + ", " + steps.size() + " and " + images);
        }
        if (maps.size() != methods.size() * steps.size()) {
            throw new IllegalArgumentException("expected " + methods.size() * steps.size() + " maps, got "
                    + maps.size());
        }
        if (similarity.length != methods.size() * steps.size() * METRICS * images) {
            throw new IllegalArgumentException("expected " + methods.size() * steps.size() * METRICS * images
                    + " similarity values, got " + similarity.length);
        }
        if (targets.length != images) {
            throw new IllegalArgumentException(images + " images but " + targets.length + " targets");
        }
        methods = List.copyOf(methods);
        steps = List.copyOf(steps);
        maps = List.copyOf(maps);
        Map<String, Map<String, Object>> params = new LinkedHashMap<>();
        if (methodParameters != null) {
            methodParameters.forEach((k, v) -> params.put(k, Map.copyOf(v)));
        }
        methodParameters = java.util.Collections.unmodifiableMap(params);
        similarity = similarity.clone();
        targets = targets.clone();
        if (model == null) {
            throw new IllegalArgumentException("the model's identity is required");
        }
    }

    /**
     * Compares every method's maps at every step with its step-0 maps.
     *
     * @param maps {@code [method][step]}, each with the same images in the same order
     */
    public static SanityCheckResult compare(Randomization randomization, List<SaliencyMethod> methods, List<String> steps,
                                     SaliencyMap[][] maps, int[] targets, long seed, org.advlens.model.ModelInfo model) {
        int images = targets.length;
        double[] sim = new double[methods.size() * steps.size() * METRICS * images];
        List<SaliencyMap> flat = new ArrayList<>();
        Map<String, Map<String, Object>> params = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            names.add(methods.get(m).name());
            params.put(methods.get(m).name(), methods.get(m).parameters());
            for (int s = 0; s < steps.size(); s++) {
                flat.add(maps[m][s]);
                for (SimilarityMetric metric : SimilarityMetric.values()) {
                    int base = ((m * steps.size() + s) * METRICS + metric.ordinal()) * images;
                    for (int i = 0; i < images; i++) {
                        sim[base + i] = metric.compare(maps[m][0], maps[m][s], i);
                    }
                }
            }
        }
        return new SanityCheckResult(randomization, names, params, steps, flat, sim, images, targets, seed,
                model.identity());
    }

    /** The maps of method {@code method} (index into {@link #methods()}) at step {@code step}, all images. */
    public SaliencyMap map(int method, int step) {
        return maps.get(method * steps.size() + step);
    }

    /** Per-image similarities of method {@code method}'s map at {@code step} with its original map. */
    public double[] similarities(int method, int step, SimilarityMetric metric) {
        double[] out = new double[images];
        int base = ((method * steps.size() + step) * METRICS + metric.ordinal()) * images;
        System.arraycopy(similarity, base, out, 0, images);
        return out;
    }

    /** Mean over images of {@link #similarities}. */
    public double mean(int method, int step, SimilarityMetric metric) {
        double s = 0;
        for (double v : similarities(method, step, metric)) {
            s += v;
        }
        return s / images;
    }

    /** Sample standard deviation over images of {@link #similarities}; 0 for one image. */
    public double std(int method, int step, SimilarityMetric metric) {
        if (images < 2) {
            return 0;
        }
        double m = mean(method, step, metric);
        double s = 0;
        for (double v : similarities(method, step, metric)) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (images - 1));
    }

    /** The mean similarity of method {@code method} at every step: one line of the curve chart. */
    public double[] curve(int method, SimilarityMetric metric) {
        double[] out = new double[steps.size()];
        for (int s = 0; s < out.length; s++) {
            out[s] = mean(method, s, metric);
        }
        return out;
    }

    /** The curves of every method for {@code metric}, by method name, in method order. */
    public Map<String, double[]> curves(SimilarityMetric metric) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int m = 0; m < methods.size(); m++) {
            out.put(methods.get(m), curve(m, metric));
        }
        return out;
    }

    /** Index of the method named {@code name}. @throws IllegalArgumentException if it is not in this result */
    public int methodIndex(String name) {
        int i = methods.indexOf(SaliencyMethods.canonical(name));
        if (i < 0) {
            throw new IllegalArgumentException("no method '" + name + "' in this result; it has " + methods);
        }
        return i;
    }

    /** Rows of {@code method, step, metric, mean, std} for every combination, for tables. */
    public List<String[]> summaryRows() {
        List<String[]> rows = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            for (int s = 0; s < steps.size(); s++) {
                for (SimilarityMetric metric : SimilarityMetric.values()) {
                    rows.add(new String[] {methods.get(m), steps.get(s), metric.key(),
                        Double.toString(mean(m, s, metric)), Double.toString(std(m, s, metric))});
                }
            }
        }
        return rows;
    }

    @Override
    public double[] similarity() {
        return similarity.clone();
    }

    @Override
    public int[] targets() {
        return targets.clone();
    }

    /** The original model's name. */
    public String modelName() {
        return model.name();
    }

    /** The original model file's hash; empty for an in-memory model. */
    public String modelSha256() {
        return model.sha256();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SanityCheckResult r && randomization == r.randomization && methods.equals(r.methods)
                && steps.equals(r.steps) && maps.equals(r.maps) && java.util.Arrays.equals(similarity, r.similarity)
                && images == r.images && java.util.Arrays.equals(targets, r.targets) && seed == r.seed
                && model.equals(r.model)
                && methodParameters.equals(r.methodParameters);
    }

    @Override
    public int hashCode() {
        return (randomization.hashCode() * 31 + methods.hashCode()) * 31 + java.util.Arrays.hashCode(similarity);
    }

    @Override
    public String toString() {
        return "SanityCheckResult[" + randomization.label() + ", methods " + methods + ", steps " + steps + ", "
                + images + " images]";
    }
}

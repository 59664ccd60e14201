package org.advlens.eval;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.advlens.attack.DistanceMeasure;
import org.advlens.attack.MinimizationParams;
import org.advlens.model.ModelInfo;

/**
 * A finished minimisation-attack evaluation over a data set, with its provenance.
 *
 * @param model the classifier evaluated
 * @param dataName the data set's name
 * @param dataSource where the data came from
 * @param attack the attack's short name
 * @param params the shared parameters it ran with (norm, target, seed)
 * @param attackOptions the attack's own options as its {@code parameters()} reported them
 * @param measure the distance it minimises
 * @param samples one result per example, in data order
 * @param curve the implied robust accuracy versus epsilon
 * @param histogram the distribution of the distances found
 * @param seconds wall-clock time of the attack, verification included
 * @param created when the evaluation finished
 */
public record MinimumNormResult(ModelInfo model, String dataName, String dataSource, String attack,
                                MinimizationParams params, Map<String, Object> attackOptions, DistanceMeasure measure,
                                List<MinimalPerturbation> samples, ImpliedCurve curve, DistanceHistogram histogram,
                                double seconds, Instant created) {

    public MinimumNormResult {
        samples = List.copyOf(samples);
        attackOptions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attackOptions));
    }

    public double cleanAccuracy() {
        return samples.stream().filter(s -> s.cleanPrediction() == s.label()).count() / (double) samples.size();
    }

    /** Fraction of eligible examples fooled. */
    public double successRate() {
        long eligible = samples.stream().filter(MinimalPerturbation::eligible).count();
        return eligible == 0 ? 0 : samples.stream().filter(MinimalPerturbation::success).count() / (double) eligible;
    }

    private double[] found() {
        return samples.stream().filter(MinimalPerturbation::success).mapToDouble(MinimalPerturbation::distance)
                .toArray();
    }

    /** Mean distance over fooled examples, or {@code NaN}. */
    public double meanDistance() {
        return Arrays.stream(found()).average().orElse(Double.NaN);
    }

    /** Median distance over fooled examples, or {@code NaN}. */
    public double medianDistance() {
        double[] d = found();
        if (d.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(d);
        return d.length % 2 == 1 ? d[d.length / 2] : 0.5 * (d[d.length / 2 - 1] + d[d.length / 2]);
    }

    /** Examples per second. */
    public double imagesPerSecond() {
        return seconds > 0 ? samples.size() / seconds : Double.NaN;
    }
}

package org.advlens.saliency.faithfulness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;

/**
 * The faithfulness table: every method on every image, explaining the model's predicted class. Per image and
 * method it computes the deletion and insertion areas ({@link PixelFlipping}), the ROAD area ({@link RoadCurve}),
 * the faithfulness correlation, max- and average-sensitivity ({@link ExplanationSensitivity}) and the random-logit
 * similarity ({@link RandomLogitTest}); a last row holds the curve areas of a random pixel order, drawn afresh per
 * image. The baseline is the input's lower bound. Every random choice derives from the options' seed and the
 * image index, so a row does not depend on which other methods are evaluated.
 */
public final class FaithfulnessEvaluation implements Job<FaithfulnessResult> {

    private static final long RANDOM_ORDER_SALT = 1;
    private static final long ROAD_SALT = 2;
    private static final long SUBSET_SALT = 3;
    private static final long SENSITIVITY_SALT = 4;
    private static final long OTHER_CLASS_SALT = 5;

    private final Classifier model;
    private final Images images;
    private final List<SaliencyMethod> methods;
    private final FaithfulnessOptions options;

    /**
     * @param model the classifier; used from the job's thread only
     * @param images at least one image in the model's pixel space
     * @param methods at least one method that supports {@code model}
     */
    public FaithfulnessEvaluation(Classifier model, Images images, List<SaliencyMethod> methods,
                                  FaithfulnessOptions options) {
        if (model == null || images == null || methods == null || options == null) {
            throw new IllegalArgumentException("model, images, methods and options are required");
        }
        if (images.count() < 1) {
            throw new IllegalArgumentException("a faithfulness table needs at least one image");
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a faithfulness table needs at least one method");
        }
        for (SaliencyMethod m : methods) {
            if (!m.supports(model)) {
                throw new IllegalArgumentException(m.name() + " cannot explain " + model.info().name());
            }
        }
        PixelFlipping.checkSteps(options.steps(), images.height() * images.width());
        this.model = model;
        this.images = images;
        this.methods = List.copyOf(methods);
        this.options = options;
    }

    @Override
    public FaithfulnessResult run(ProgressListener progress, CancellationToken cancellation) {
        long start = System.nanoTime();
        InputSpec spec = model.inputSpec();
        int n = images.count();
        int positions = images.height() * images.width();
        float baseline = (float) spec.lower();
        double range = spec.upper() - spec.lower();
        NoisyLinearImputation.Options imputation = new NoisyLinearImputation.Options(options.roadNoise() * range,
                1e-4 * range, spec.lower(), spec.upper());
        int subsetSize = Math.max(1, (int) Math.round(options.subsetFraction() * positions));
        int[] targets = Target.predicted().resolve(model, images, null);
        int[] others = new int[n];
        for (int i = 0; i < n; i++) {
            others[i] = RandomLogitTest.otherClass(targets[i], model.numClasses(), random(i, OTHER_CLASS_SALT));
        }
        int total = methods.size() * n + n;
        int done = 0;
        List<MethodScores> rows = new ArrayList<>();
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        for (SaliencyMethod method : methods) {
            cancellation.throwIfCancelled();
            progress.onProgress((double) done / total, method.displayName() + ": maps");
            parameters.put(method.name(), method.parameters());
            SaliencyMap maps = method.attribute(model, images, targets, cancellation);
            SaliencyMap otherMaps = method.attribute(model, images, others, cancellation);
            Map<FaithfulnessMetric, double[]> values = new EnumMap<>(FaithfulnessMetric.class);
            for (FaithfulnessMetric metric : FaithfulnessMetric.values()) {
                values.put(metric, new double[n]);
            }
            Curves curves = new Curves(options.steps());
            for (int i = 0; i < n; i++) {
                cancellation.throwIfCancelled();
                float[] x = images.image(i).pixels();
                float[] plane = maps.plane(i);
                int[] order = PixelRanking.mostRelevantFirst(plane);
                double[] deletion = PixelFlipping.deletion(model, x, targets[i], order, options.steps(), baseline);
                double[] insertion = PixelFlipping.insertion(model, x, targets[i], order, options.steps(), baseline);
                double[] road = RoadCurve.mostRelevantFirst(model, x, images.channels(), images.height(),
                        images.width(), targets[i], order, options.steps(), imputation, random(i, ROAD_SALT));
                curves.add(deletion, insertion, road);
                values.get(FaithfulnessMetric.DELETION_AUC)[i] = PixelFlipping.areaUnderCurve(deletion);
                values.get(FaithfulnessMetric.INSERTION_AUC)[i] = PixelFlipping.areaUnderCurve(insertion);
                values.get(FaithfulnessMetric.ROAD_AUC)[i] = PixelFlipping.areaUnderCurve(road);
                values.get(FaithfulnessMetric.FAITHFULNESS_CORRELATION)[i] = FaithfulnessCorrelation.of(model, x,
                        plane, targets[i], options.subsets(), subsetSize, baseline, random(i, SUBSET_SALT));
                ExplanationSensitivity s = ExplanationSensitivity.of(method, model, images.image(i), targets[i],
                        maps.image(i), options.sensitivitySamples(), options.sensitivityRadius() * range,
                        random(i, SENSITIVITY_SALT), cancellation);
                values.get(FaithfulnessMetric.MAX_SENSITIVITY)[i] = s.max();
                values.get(FaithfulnessMetric.AVERAGE_SENSITIVITY)[i] = s.average();
                values.get(FaithfulnessMetric.RANDOM_LOGIT_SIMILARITY)[i] = RandomLogitTest.similarity(maps,
                        otherMaps, i, options.similarity());
                done++;
                progress.onProgress((double) done / total, method.displayName() + ": image " + (i + 1) + "/" + n);
            }
            rows.add(curves.row(method.name(), values));
        }
        rows.add(randomOrder(targets, baseline, imputation, positions, total, done, progress, cancellation));
        progress.onProgress(1, "done");
        return new FaithfulnessResult(rows, n, targets, options, parameters, (System.nanoTime() - start) / 1e9);
    }

    private MethodScores randomOrder(int[] targets, float baseline, NoisyLinearImputation.Options imputation,
                                     int positions, int total, int done, ProgressListener progress,
                                     CancellationToken cancellation) {
        int n = images.count();
        Map<FaithfulnessMetric, double[]> values = new EnumMap<>(FaithfulnessMetric.class);
        values.put(FaithfulnessMetric.DELETION_AUC, new double[n]);
        values.put(FaithfulnessMetric.INSERTION_AUC, new double[n]);
        values.put(FaithfulnessMetric.ROAD_AUC, new double[n]);
        Curves curves = new Curves(options.steps());
        for (int i = 0; i < n; i++) {
            cancellation.throwIfCancelled();
            float[] x = images.image(i).pixels();
            int[] order = PixelRanking.random(positions, random(i, RANDOM_ORDER_SALT));
            double[] deletion = PixelFlipping.deletion(model, x, targets[i], order, options.steps(), baseline);
            double[] insertion = PixelFlipping.insertion(model, x, targets[i], order, options.steps(), baseline);
            double[] road = RoadCurve.mostRelevantFirst(model, x, images.channels(), images.height(), images.width(),
                    targets[i], order, options.steps(), imputation, random(i, ROAD_SALT));
            curves.add(deletion, insertion, road);
            values.get(FaithfulnessMetric.DELETION_AUC)[i] = PixelFlipping.areaUnderCurve(deletion);
            values.get(FaithfulnessMetric.INSERTION_AUC)[i] = PixelFlipping.areaUnderCurve(insertion);
            values.get(FaithfulnessMetric.ROAD_AUC)[i] = PixelFlipping.areaUnderCurve(road);
            progress.onProgress((double) (done + i + 1) / total, "random order: image " + (i + 1) + "/" + n);
        }
        return curves.row(MethodScores.RANDOM_ORDER, values);
    }

    /** The random source of image {@code index} for one use: independent of the methods evaluated. */
    private SplittableRandom random(int index, long salt) {
        return new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + salt);
    }

    /** Sums of curves for their means. */
    private static final class Curves {
        private final double[] deletion;
        private final double[] insertion;
        private final double[] road;
        private int count;

        Curves(int steps) {
            deletion = new double[steps + 1];
            insertion = new double[steps + 1];
            road = new double[steps + 1];
        }

        void add(double[] d, double[] in, double[] r) {
            for (int k = 0; k < deletion.length; k++) {
                deletion[k] += d[k];
                insertion[k] += in[k];
                road[k] += r[k];
            }
            count++;
        }

        MethodScores row(String method, Map<FaithfulnessMetric, double[]> values) {
            double[] d = deletion.clone();
            double[] in = insertion.clone();
            double[] r = road.clone();
            for (int k = 0; k < d.length; k++) {
                d[k] /= count;
                in[k] /= count;
                r[k] /= count;
            }
            return new MethodScores(method, values, d, in, r);
        }
    }
}

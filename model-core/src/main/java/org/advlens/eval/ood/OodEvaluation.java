package org.advlens.eval.ood;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.Logits;

/**
 * Out-of-distribution detection: the chosen scores on in-distribution images and on each out-of-distribution set,
 * and for every (score, set) pair the {@link DetectionMetrics} and the two score histograms. When the Mahalanobis
 * score is asked for, its class means and tied covariance are first fitted on labelled in-distribution training
 * images. Forward passes (and ODIN's gradients) run in batches; progress is reported and cancellation checked once
 * per batch.
 */
public final class OodEvaluation implements Job<OodEvaluation.Result> {

    /**
     * @param scores the scores to compute, at least one
     * @param energyTemperature the energy score's temperature
     * @param odin ODIN's temperature and perturbation
     * @param featureLayer the Mahalanobis score's layer ({@link LayerFeatures#of}), or {@code null} for the default
     * @param ridge the Mahalanobis covariance's relative ridge ({@link MahalanobisDetector#fit})
     * @param batchSize images per forward pass
     * @param histogramBins bins of each score histogram
     */
    public record Options(List<OodScore> scores, double energyTemperature, Odin.Options odin, String featureLayer,
                          double ridge, int batchSize, int histogramBins) {
        public Options {
            if (scores == null || scores.isEmpty()) {
                throw new IllegalArgumentException("choose at least one OOD score");
            }
            scores = List.copyOf(new java.util.LinkedHashSet<>(scores));
            LogitScores.checkTemperature(energyTemperature);
            if (odin == null) {
                throw new IllegalArgumentException("ODIN options are required");
            }
            if (!(ridge >= 0) || Double.isInfinite(ridge)) {
                throw new IllegalArgumentException("ridge must be finite and at least 0, got " + ridge);
            }
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("batch size must be in [1, 100000], got " + batchSize);
            }
            if (histogramBins < 1 || histogramBins > 10_000) {
                throw new IllegalArgumentException("histogram bins must be in [1, 10000], got " + histogramBins);
            }
        }

        /** All five scores with the papers' settings: energy at T = 1, ODIN at T = 1000 and epsilon 0.0014. */
        public static Options defaults() {
            return new Options(List.of(OodScore.values()), 1, Odin.Options.paper(), null,
                    MahalanobisDetector.DEFAULT_RIDGE, 250, 30);
        }
    }

    /**
     * Out-of-distribution images.
     *
     * @param name the set's name in reports
     * @param source where the images came from
     * @param images the images, in the model's pixel space and input shape
     */
    public record OodSet(String name, String source, Images images) {
        public OodSet {
            if (name == null || name.isBlank() || images == null) {
                throw new IllegalArgumentException("an OOD set needs a name and images");
            }
            if (images.count() == 0) {
                throw new IllegalArgumentException("the OOD set " + name + " holds no images");
            }
        }
    }

    /**
     * The detection of one out-of-distribution set by one score.
     *
     * @param score the score
     * @param set the out-of-distribution set's name
     * @param metrics AUROC, AUPR and FPR at 95% TPR, with the ROC curve
     * @param histogram the in- and out-of-distribution scores in the same bins
     */
    public record Entry(OodScore score, String set, DetectionMetrics metrics, ScoreHistogram histogram) {
    }

    /**
     * @param options the options of the run
     * @param inCount in-distribution images
     * @param inAccuracy the model's accuracy on them (NaN when they have no labels)
     * @param featureLayer the layer the Mahalanobis score used, or {@code null}
     * @param fitCount images the Mahalanobis detector was fitted on (0 without it)
     * @param sets the out-of-distribution sets' names and sizes, in order
     * @param entries one per score and set, grouped by score
     */
    public record Result(Options options, int inCount, double inAccuracy, String featureLayer, int fitCount,
                         Map<String, Integer> sets, List<Entry> entries) {
        public Result {
            sets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sets));
            entries = List.copyOf(entries);
        }

        /** The entry of {@code score} on {@code set}. */
        public Entry entry(OodScore score, String set) {
            return entries.stream().filter(e -> e.score() == score && e.set().equals(set)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no result for " + score + " on " + set));
        }
    }

    private final Classifier model;
    private final LabelledDataset inDistribution;
    private final List<OodSet> outSets;
    private final LabelledDataset fitData;
    private final Options options;

    /**
     * @param model the classifier
     * @param inDistribution in-distribution test images (labels give the reported accuracy)
     * @param outSets one or more out-of-distribution sets with the model's input shape
     * @param fitData labelled in-distribution training images for the Mahalanobis score; {@code null} when it is
     *                not asked for
     * @param options the scores and their settings
     */
    public OodEvaluation(Classifier model, LabelledDataset inDistribution, List<OodSet> outSets,
                         LabelledDataset fitData, Options options) {
        if (model == null || inDistribution == null || outSets == null || options == null) {
            throw new IllegalArgumentException("model, in-distribution data, OOD sets and options are required");
        }
        if (outSets.isEmpty()) {
            throw new IllegalArgumentException("give at least one out-of-distribution set");
        }
        InputSpec spec = model.inputSpec();
        checkShape(inDistribution.images(), spec, "the in-distribution data " + inDistribution.name());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (OodSet s : outSets) {
            checkShape(s.images(), spec, "the OOD set " + s.name());
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("two OOD sets are named " + s.name());
            }
        }
        if (options.scores().contains(OodScore.MAHALANOBIS)) {
            if (fitData == null || fitData.size() == 0) {
                throw new IllegalArgumentException("the Mahalanobis score needs labelled in-distribution training"
                        + " images to fit its class means and covariance");
            }
            checkShape(fitData.images(), spec, "the Mahalanobis fitting data " + fitData.name());
        }
        this.model = model;
        this.inDistribution = inDistribution;
        this.outSets = List.copyOf(outSets);
        this.fitData = fitData;
        this.options = options;
    }

    /** Rejects images whose shape is not the model's input, with both shapes in the message. */
    public static void checkShape(Images images, InputSpec spec, String what) {
        if (images.channels() != spec.channels() || images.height() != spec.height()
                || images.width() != spec.width()) {
            throw new IllegalArgumentException(what + " has images of " + images.channels() + "x" + images.height()
                    + "x" + images.width() + " but the model takes " + spec.channels() + "x" + spec.height() + "x"
                    + spec.width());
        }
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken cancellation) {
        boolean mahalanobis = options.scores().contains(OodScore.MAHALANOBIS);
        int batches = batches(inDistribution.size());
        for (OodSet s : outSets) {
            batches += batches(s.images().count());
        }
        Counter counter = new Counter(progress, batches + (mahalanobis ? batches(fitData.size()) : 0));
        LayerFeatures features = null;
        MahalanobisDetector detector = null;
        if (mahalanobis) {
            features = LayerFeatures.of(model, options.featureLayer());
            detector = fit(features, counter, cancellation);
        }
        int[] labels = inDistribution.labels();
        Map<OodScore, double[]> in = scores(inDistribution.images(), features, detector, labels, counter,
                cancellation, "in-distribution");
        double accuracy = counter.correct / (double) inDistribution.size();
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> sets = new LinkedHashMap<>();
        Map<String, Map<OodScore, double[]>> out = new LinkedHashMap<>();
        for (OodSet s : outSets) {
            out.put(s.name(), scores(s.images(), features, detector, null, counter, cancellation, s.name()));
            sets.put(s.name(), s.images().count());
        }
        for (OodScore score : options.scores()) {
            for (OodSet s : outSets) {
                double[] o = out.get(s.name()).get(score);
                entries.add(new Entry(score, s.name(), DetectionMetrics.of(in.get(score), o),
                        ScoreHistogram.of(in.get(score), o, options.histogramBins())));
            }
        }
        return new Result(options, inDistribution.size(), accuracy, features == null ? null : features.layer(),
                mahalanobis ? fitData.size() : 0, sets, entries);
    }

    private MahalanobisDetector fit(LayerFeatures features, Counter counter, CancellationToken cancellation) {
        float[][] rows = new float[fitData.size()][];
        for (int from = 0; from < fitData.size(); from += options.batchSize()) {
            cancellation.throwIfCancelled();
            int to = Math.min(fitData.size(), from + options.batchSize());
            float[][] f = features.features(fitData.images().slice(from, to));
            System.arraycopy(f, 0, rows, from, f.length);
            counter.step("fitting Mahalanobis on " + features.layer());
        }
        return MahalanobisDetector.fit(rows, fitData.labels(), model.numClasses(), options.ridge());
    }

    private Map<OodScore, double[]> scores(Images images, LayerFeatures features, MahalanobisDetector detector,
                                           int[] labels, Counter counter, CancellationToken cancellation,
                                           String what) {
        int n = images.count();
        Map<OodScore, double[]> out = new EnumMap<>(OodScore.class);
        for (OodScore s : options.scores()) {
            out.put(s, new double[n]);
        }
        for (int from = 0; from < n; from += options.batchSize()) {
            cancellation.throwIfCancelled();
            int to = Math.min(n, from + options.batchSize());
            Images batch = images.slice(from, to);
            float[][] z = Logits.rows(model.logits(batch.toArray()));
            for (int i = 0; i < z.length; i++) {
                if (labels != null && argmax(z[i]) == labels[from + i]) {
                    counter.correct++;
                }
                for (OodScore s : options.scores()) {
                    double v = switch (s) {
                        case MSP -> LogitScores.maxSoftmax(z[i]);
                        case MAX_LOGIT -> LogitScores.maxLogit(z[i]);
                        case ENERGY -> LogitScores.negativeEnergy(z[i], options.energyTemperature());
                        default -> Double.NaN;
                    };
                    out.get(s)[from + i] = v;
                }
            }
            if (out.containsKey(OodScore.ODIN)) {
                System.arraycopy(Odin.scores(model, batch, options.odin()), 0, out.get(OodScore.ODIN), from,
                        to - from);
            }
            if (detector != null) {
                float[][] f = features.features(batch);
                for (int i = 0; i < f.length; i++) {
                    out.get(OodScore.MAHALANOBIS)[from + i] = detector.score(f[i]);
                }
            }
            counter.step(String.format(Locale.ROOT, "scoring %s, %d/%d images", what, to, n));
        }
        return out;
    }

    private int batches(int n) {
        return (n + options.batchSize() - 1) / options.batchSize();
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Batches done out of the total, and correct in-distribution predictions. */
    private static final class Counter {
        private final ProgressListener progress;
        private final int total;
        private int done;
        private int correct;

        Counter(ProgressListener progress, int total) {
            this.progress = progress;
            this.total = total;
        }

        void step(String message) {
            done++;
            progress.onProgress((double) done / total, message);
        }
    }
}
